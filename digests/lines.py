"""No line twice: key points belong to their stories, and stories say only the rest.

A digest's key points are sentences of its stories' summaries. Shown again under the
story, each would be read twice (46 of 262 lines on the seeds before this module). So
each key point is marked with its story's number and taken out of that story, and a line
already shown anywhere above (two reports quoting one statement) is not shown again. A
story's first remaining line must still stand alone: "However, X" loses its connective,
and a line that leans on what was taken out ("He added …") goes with it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from digests.models import Story
from digests.summarize.standalone import refers_back, strip_connective

_PUNCTUATION = re.compile(r"[\W_]+")


def line_key(text: str) -> str:
    """A line's identity: lowercased words, punctuation and spacing ignored."""
    return _PUNCTUATION.sub(" ", text.lower()).strip()


@dataclass(frozen=True, slots=True)
class PlacedLines:
    """Key points in story order with their story numbers (1-based), and the stories."""

    key_points: tuple[str, ...]
    key_point_stories: tuple[int, ...]
    stories: tuple[Story, ...]


def _story_of(point: str, stories: Sequence[Story]) -> tuple[int, int]:
    """(story index, sentence index) of the first story whose summary holds `point`."""
    key = line_key(point)
    for si, story in enumerate(stories):
        for position, sentence in enumerate(story.summary.sentences):
            if line_key(sentence) == key:
                return si, position
    return len(stories), 0


def _opening(lines: list[str], language: str, continues: bool) -> list[str]:
    """Drop or shorten leading lines that point back to something not shown (`refers_back`).

    When the story's key point was shown (`continues`), a line leaning on it ("They
    concluded …") reads as its continuation under the story's title and stays.
    """
    while lines and refers_back(lines[0], language):
        shorter = strip_connective(lines[0], language)
        if shorter is not None:
            return [shorter, *lines[1:]]
        if continues:
            return lines
        lines = lines[1:]
    return lines


def place_lines(stories: Sequence[Story], key_points: Sequence[str]) -> PlacedLines:
    """Mark key points with their stories and show every line of the digest once.

    Args:
        stories: The digest's stories, in order, with their full summaries.
        key_points: Sentences chosen from those summaries (`pick_key_points`).

    Returns:
        Key points sorted by story, their story numbers, and the stories whose summaries
        keep only lines not shown before (key points and earlier stories included).
    """
    located = sorted(
        ((_story_of(point, stories), point) for point in key_points), key=lambda item: item[0]
    )
    placed = [(where, point) for where, point in located if where[0] < len(stories)]
    seen = {line_key(point) for _, point in placed}
    with_points = {where[0] for where, _ in placed}
    shown: list[Story] = []
    for index, story in enumerate(stories):
        fresh: list[str] = []
        for sentence in story.summary.sentences:
            key = line_key(sentence)
            if key not in seen:
                seen.add(key)
                fresh.append(sentence)
        lines = _opening(fresh, story.summary.language, index in with_points)
        if tuple(lines) != story.summary.sentences:
            summary = dataclasses.replace(story.summary, sentences=tuple(lines))
            story = dataclasses.replace(story, summary=summary)
        shown.append(story)
    return PlacedLines(
        key_points=tuple(point for _, point in placed),
        key_point_stories=tuple(where[0] + 1 for where, _ in placed),
        stories=tuple(shown),
    )
