"""Cut a glued extractive reference summary into sentences by matching it against the article.

The BBC references concatenate their sentences without a space ("$10.9bn.For the
full-year"), so a sentence splitter run on a reference under-counts and mis-cuts it. Every
reference is made of article text, so instead the reference is consumed from left to
right, each time taking the longest article sentence (as our splitter cut the article)
that starts at the current position. Where the reference's sentence unit differs from
ours, the fallback takes the longest piece that occurs verbatim in the article, so no
text is ever lost or invented.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_SPACE = re.compile(r"\s+")


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace to one space and strip, so line breaks never block a match."""
    return _SPACE.sub(" ", text).strip()


def cut_reference(reference: str, sentences: Sequence[str]) -> list[str]:
    """Split `reference` into pieces that are, wherever possible, whole article sentences.

    Args:
        reference: the raw reference summary; sentences may be glued together.
        sentences: the article's sentences as the project's splitter produced them.

    Returns:
        The reference's sentences in the reference's own order, whitespace-normalized.
        A piece is a whole article sentence unless the reference cut the article
        differently; then it is the longest verbatim fragment of the article.
    """
    text = normalize_space(reference)
    candidates = sorted({normalize_space(s) for s in sentences if s.strip()}, key=len, reverse=True)
    article = " ".join(normalize_space(s) for s in sentences)
    pieces: list[str] = []
    position = 0
    while position < len(text):
        if text[position] == " ":
            position += 1
            continue
        length = _whole_sentence_at(text, position, candidates)
        if length == 0:
            length = max(1, _longest_fragment_at(text, position, article))
        piece = text[position : position + length].strip()
        if piece:
            pieces.append(piece)
        position += length
    return pieces


def _whole_sentence_at(text: str, position: int, candidates: Sequence[str]) -> int:
    """Length of the longest candidate sentence starting at `position`, 0 if none does."""
    for sentence in candidates:  # longest first
        if text.startswith(sentence, position):
            return len(sentence)
    return 0


def _longest_fragment_at(text: str, position: int, article: str) -> int:
    """Length of the longest prefix of `text[position:]` found verbatim in the article.

    Occurrence is monotone in the prefix length (a prefix of an occurring string occurs
    too), so a binary search finds the longest one in O(log n) substring searches.
    """
    low, high = 0, len(text) - position
    while low < high:
        middle = (low + high + 1) // 2
        if text[position : position + middle] in article:
            low = middle
        else:
            high = middle - 1
    return low
