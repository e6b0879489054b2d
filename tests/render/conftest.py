"""Builders for the core models, so each test states only what it is about."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from digests.models import Article, Digest, Story, Summary

HOSTILE_TITLE = '<script>alert("x")</script> AT&T & <b>bold</b> "quoted" \u200fשלום 👩‍👩‍👧 𝔘'
LONGEST_ID = 2**63 - 1


def make_article(**overrides: Any) -> Article:
    fields: dict[str, Any] = {
        "id": 42,
        "title": "Magnitogorsk apartment building collapses",
        "text": "First paragraph. Second sentence.\n\nSecond paragraph.",
        "source": "Wikinews (English)",
        "url": "https://en.wikinews.org/wiki/Magnitogorsk",
        "canonical_url": None,
        "language": "en",
        "published_at": datetime(2019, 1, 4, 12, tzinfo=UTC),
        "ingested_at": datetime(2024, 1, 1, tzinfo=UTC),
        "content_hash": "abc",
        "license": "CC BY 2.5",
        "attribution": 'Wikinews contributors, "Magnitogorsk", Wikinews, 2019-01-04 (CC BY 2.5).',
    }
    fields.update(overrides)
    return Article(**fields)


def make_summary(**overrides: Any) -> Summary:
    fields: dict[str, Any] = {
        "sentences": ("An apartment building collapsed.", "Rescuers responded."),
        "total_sentences": 31,
        "algorithm": "lexrank",
        "language": "en",
        "article_id": 42,
    }
    fields.update(overrides)
    return Summary(**fields)


def make_digest(stories: tuple[Story, ...] = (), **overrides: Any) -> Digest:
    fields: dict[str, Any] = {
        "title": "Russia and China",
        "query": "russia china",
        "since": datetime(2019, 1, 1, tzinfo=UTC),
        "until": datetime(2019, 1, 8, tzinfo=UTC),
        "generated_at": datetime(2019, 1, 8, 9, 30, tzinfo=UTC),
        "stories": stories,
        "topic": "russia-china",
    }
    fields.update(overrides)
    return Digest(**fields)


@pytest.fixture
def article() -> Callable[..., Article]:
    return make_article
