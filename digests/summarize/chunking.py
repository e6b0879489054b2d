"""Cut very long paragraphs into bounded chunks before a sentence splitter sees them.

Rule-based splitters carry state across a whole input: pysbd is superlinear (about 25 s
for one 200 KB paragraph here) and sentencex, though linear, was seen to glue 19 KB of
BBC text into one "sentence" once a quote went unmatched far upstream. Cutting at
boundaries that are sentence ends beyond reasonable doubt caps both the time and the
longest sentence, whatever the input.

A safe boundary is terminal punctuation (optionally followed by closing quotes or
brackets), whitespace, then an uppercase letter or an opening quote, where the word
before the punctuation is a lowercase word of at least four letters ("said. The"), so
abbreviations such as "U.S.", "Mr.", "Jan." and initials are never cut. Text with no such
boundary (a wall of text without punctuation) is cut at the last whitespace before the
hard cap, or at the cap itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Paragraphs up to this many characters go to the splitter whole.
SOFT_LIMIT = 2_000
#: No chunk handed to the splitter is longer than this.
HARD_LIMIT = 4_000

# Anchored on the punctuation (a fixed-width lookbehind for the word) so that long runs
# of letters, such as Chinese text or base64, are scanned in linear time.
_SAFE_END = re.compile(r"(?<=[^\W\d_]{4})[.!?…]+[\"'”’»)\]]*(?P<space>\s+)")
_LAST_WORD = re.compile(r"[^\W\d_]+$")


def _is_safe(match: re.Match[str], text: str) -> bool:
    """Tell whether a candidate boundary ends a lowercase word and starts a capital."""
    word = _LAST_WORD.search(text, max(0, match.start() - 24), match.start())
    if word is None or not word.group().islower():
        return False
    following = text[match.end() : match.end() + 2].lstrip('"“«„(')
    return bool(following) and following[0].isupper()


def _cut_point(text: str, start: int, soft: int, hard: int) -> int:
    """Return where the chunk beginning at `start` ends (exclusive).

    Prefers the last safe boundary between `start + soft // 2` and `start + hard`, so chunks
    stay near the soft size; falls back to whitespace, then to the hard cap.
    """
    window_end = min(len(text), start + hard)
    best = -1
    for match in _SAFE_END.finditer(text, start + soft // 2, window_end):
        if _is_safe(match, text):
            best = match.start("space")
            if best >= start + soft:
                break
    if best > start:
        return best
    space = text.rfind(" ", start + soft // 2, window_end)
    return space if space > start else window_end


def iter_chunks(text: str, soft: int = SOFT_LIMIT, hard: int = HARD_LIMIT) -> Iterator[str]:
    """Yield consecutive pieces of `text`, each at most `hard` characters long.

    Args:
        text: One paragraph, possibly huge.
        soft: Texts up to this length come back whole; longer ones are cut near it.
        hard: The cap on any chunk's length.

    Yields:
        Stripped, non-empty pieces whose concatenation (with whitespace) is `text`.
    """
    if soft <= 0 or hard < soft:
        raise ValueError(f"need 0 < soft <= hard, got soft={soft}, hard={hard}")
    start = 0
    while len(text) - start > soft:
        end = _cut_point(text, start, soft, hard)
        piece = text[start:end].strip()
        if piece:
            yield piece
        start = end
    piece = text[start:].strip()
    if piece:
        yield piece
