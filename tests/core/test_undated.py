"""Honest dates through the service: an undated article is never a period's news.

Its only time is when it was ingested (now), so it sits inside every window ending now;
the service must still leave it out of a 24 h digest, show it only in open-ended ones
after the dated stories, and never let its ingest time stretch the period shown.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from digests.service import NewsService
from digests.settings import Settings
from digests.store.base import Store

NOW = datetime.now(UTC)
STORY = ("Walrus colony counted on the northern coast. Rangers counted {n} walrus pups on "
         "the beach this week. The count was made from boats at dawn.")


def record(id_: str, title: str, n: int, published: datetime) -> dict[str, object]:
    return {"id": id_, "title": title, "text": STORY.format(n=n), "source": f"Wire {id_}",
            "published": published.isoformat(), "language": "en"}


@pytest.fixture
def news(store: Store, settings: Settings, tmp_path: Path) -> NewsService:
    service = NewsService(store, settings, topics={})
    lines = [record("old", "Walrus pups counted in spring", 120, NOW - timedelta(days=400)),
             record("new", "Walrus pups counted again", 340, NOW - timedelta(hours=3))]
    corpus = tmp_path / "walrus.jsonl"
    corpus.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    service.ingest([corpus])
    undated = service.ingest_text(
        "Walrus ivory: a history of the trade ban\n\nMuseums still hold carved walrus ivory "
        "from the nineteenth century. Collectors argue over export papers and auction "
        "rules.\n\nThe ban changed how ivory carvers in Alaska earn a living.",
        source="Undated Blog")
    assert undated.article_id is not None
    article = service.article(undated.article_id)
    assert not article.dated  # the source gave no publication date
    return service



def test_a_24h_digest_leaves_out_the_undated_article(news: NewsService) -> None:
    digest = news.digest("walrus", since=timedelta(hours=24))
    assert [s.lead.title for s in digest.stories] == ["Walrus pups counted again"]
    assert all(a.dated for s in digest.stories for a in s.articles)
    assert digest.total_matches == 1


def test_open_ended_digest_shows_it_after_the_dated_stories(news: NewsService) -> None:
    digest = news.digest("walrus", since=timedelta(days=100_000))
    leads = [s.lead for s in digest.stories]
    assert leads[0].dated
    assert "Walrus ivory" in leads[-1].title
    assert not leads[-1].dated
    # The period is the dated articles' publication span, not the undated one's ingest time.
    assert digest.since.date() == (NOW - timedelta(days=400)).date()
    assert digest.until == max(a.published_at for a in leads if a.dated)


def test_a_window_whose_only_match_is_undated_is_empty_then_widened(
        news: NewsService, store: Store) -> None:
    # Past the dated articles' window: only the undated one was "added" in it.
    later = NewsService(store, news.settings, topics={}, clock=lambda: NOW + timedelta(hours=1))
    assert later.digest("walrus", since=timedelta(hours=2)).is_empty
    widened = later.digest("walrus", since=timedelta(hours=2), widen=True)
    assert widened.widened
    assert widened.stories[0].lead.title == "Walrus pups counted again"
    assert widened.until <= NOW

