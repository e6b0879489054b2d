"""The matched words of a search result in context, for showing under its title.

Pure: it finds the window of an article's text with the most query words and returns it as
segments (text, matched?), so each interface can mark matches its own way (the bot bolds
them in escaped HTML). Words match by prefix, as the search does for stems and `росси*`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_WORD_RE = re.compile(r"\w+", re.UNICODE)
SNIPPET_CHARS = 160


@dataclass(frozen=True, slots=True)
class Snippet:
    """Consecutive pieces of the text; `cut_before`/`cut_after` when it starts or ends mid-text."""

    segments: tuple[tuple[str, bool], ...]
    cut_before: bool
    cut_after: bool


def _matches(word: str, terms: Sequence[str]) -> bool:
    folded = word.casefold()
    return any(folded.startswith(term) for term in terms)


def find_snippet(text: str, terms: Sequence[str], width: int = SNIPPET_CHARS) -> Snippet | None:
    """The `width`-character window of `text` holding the most `terms`; None when none match."""
    folded = [t.casefold() for t in terms if t.strip()]
    flat = " ".join(text.split())
    hits = [m for m in _WORD_RE.finditer(flat) if _matches(m.group(0), folded)]
    if not hits:
        return None
    best = max(range(len(hits)), key=lambda i: sum(
        1 for h in hits[i:] if h.end() - hits[i].start() <= width))
    start = max(0, hits[best].start() - width // 4)
    if start > 0:  # begin at a word boundary
        space = flat.find(" ", start)
        start = space + 1 if 0 <= space < hits[best].start() else hits[best].start()
    end = min(len(flat), start + width)
    if end < len(flat):
        space = flat.rfind(" ", start, end)
        end = space if space > hits[best].end() - 1 else max(end, hits[best].end())
    segments: list[tuple[str, bool]] = []
    position = start
    for hit in hits:
        if hit.start() < start or hit.end() > end:
            continue
        if hit.start() > position:
            segments.append((flat[position:hit.start()], False))
        segments.append((hit.group(0), True))
        position = hit.end()
    if position < end:
        segments.append((flat[position:end], False))
    return Snippet(tuple(segments), start > 0, end < len(flat))
