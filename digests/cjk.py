"""Make Chinese and Japanese text searchable by engines that split words on spaces.

FTS5's unicode61 tokenizer and PostgreSQL's parsers treat a run of Han characters as one
word, so "中国" would never match inside "中俄关系". Indexing every CJK character as its own
token (and querying a CJK word as a phrase of its characters) gives exact substring
matching for those scripts, which is what a reader of Chinese expects from search.
"""

from __future__ import annotations

import re

_CJK_RE = re.compile(
    "([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff])"
)


def has_cjk(text: str) -> bool:
    """True when the text contains at least one Han, Hiragana or Katakana character."""
    return _CJK_RE.search(text) is not None


def count_cjk(text: str) -> int:
    """How many CJK characters the text has (a Chinese word is about two of them)."""
    return len(_CJK_RE.findall(text))


def segment_cjk(text: str) -> str:
    """Surround every CJK character with spaces so each becomes its own token."""
    if not has_cjk(text):
        return text
    return _CJK_RE.sub(r" \1 ", text)


def cjk_chars(word: str) -> list[str]:
    """Split a word into tokens: each CJK character alone, other runs kept whole."""
    return segment_cjk(word).split()
