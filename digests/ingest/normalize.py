"""Text normalization: one canonical form for storage, one key for exact duplicates.

Stored text is NFC with collapsed whitespace and paragraphs separated by one blank
line, because summarizers and the Telegram renderer split on paragraphs. The hash key
is much more aggressive (casefolded, punctuation and whitespace removed) so that the
same article copied with curly instead of straight quotes, or re-wrapped, is still an
exact duplicate.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HSPACE = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n\s*\n")
_SEPARATOR = re.compile(r"[ \t]*(?<!\S)\*[ \t]*\*[ \t]*\*(?!\S)[ \t]*")
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")


def normalize_text(text: str) -> str:
    """Return `text` as NFC with tidy whitespace and blank-line separated paragraphs.

    A text without any blank line is taken to have one paragraph per line (scraped
    articles, the seed file); otherwise blank lines separate paragraphs and single
    line breaks inside a paragraph are re-wrapping, so they become spaces. Which of the
    two a text is, is read before separators ("* * *") are replaced: a separator is a
    paragraph break in either, and must not turn the lines of a one-per-line text into
    one re-wrapped paragraph.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", _INVISIBLE.sub("", text))
    text = _HSPACE.sub(" ", text).strip()
    wrapped = _BLANK_LINES.search(text) is not None
    # "* * *" separates parts of transcripts; as text it would open a summary sentence.
    text = _SEPARATOR.sub("\n\n", text).strip()
    if not text:
        return ""
    if wrapped:
        blocks = [" ".join(line.strip() for line in block.split("\n")) for block in
                  _BLANK_LINES.split(text)]
    else:
        blocks = text.split("\n")
    return "\n\n".join(block.strip() for block in blocks if block.strip())


def words(text: str) -> list[str]:
    """Casefolded words without punctuation; CJK characters count as one word each.

    Chinese and Japanese are written without spaces, so per-character tokens are what
    makes word shingles meaningful for them.
    """
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def content_hash(text: str) -> str:
    """The sha256 of the text's words, so formatting and punctuation do not matter."""
    return words_hash(words(text))


def words_hash(tokens: Sequence[str]) -> str:
    """`content_hash` of a text whose `words` are already at hand (ingest needs both)."""
    return hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest()
