"""Who else reported a story: other outlets once each, the lead outlet's other reports apart.

A story folds every report of one event. A reader wants to know which *other* outlets
confirm it, and only how many more reports the lead's own outlet published; listing
"Also reported by: X, X, X" under a story led by X says nothing. The bot and the CLI
render from this one grouping.
"""

from __future__ import annotations

from dataclasses import dataclass

from digests.models import Article, Story


@dataclass(frozen=True)
class OtherReports:
    """A story's reports besides its lead, grouped for display."""

    by_source: tuple[tuple[str, tuple[Article, ...]], ...]
    """Other outlets, each once with its reports, in the order they first appear."""
    same_source: tuple[Article, ...]
    """The lead outlet's other reports."""


def other_reports(story: Story) -> OtherReports:
    """Group a story's other reports (the lead itself, by id or URL, left out)."""
    lead = story.lead
    grouped: dict[str, list[Article]] = {}
    for article in story.others:
        if article.id == lead.id or (article.url is not None and article.url == lead.url):
            continue
        grouped.setdefault(article.source, []).append(article)
    same = grouped.pop(lead.source, [])
    return OtherReports(tuple((source, tuple(reports)) for source, reports in grouped.items()),
                        tuple(same))
