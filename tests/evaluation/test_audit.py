"""The issue-11 reader audit on the seeds: junk at most 1 % of lines, no line twice."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from digests.evaluation.audit import audit_digest, digest_lines, format_table, total
from digests.models import Article, Digest, Story, Summary
from digests.service import NewsService
from digests.settings import Settings
from digests.store import open_store
from digests.topics import load_topics
from tests.conftest import REPO_ROOT, SEEDS

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from audit_digests import audit_topics

NOW = datetime(2025, 5, 10, tzinfo=UTC)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewsService]:
    folder = tmp_path_factory.mktemp("audit")
    settings = Settings(_env_file=None, data_dir=Path(folder))  # type: ignore[call-arg]
    store = open_store(settings.resolved_database_url())
    news = NewsService(store, settings, load_topics(settings.topics_file))
    news.ingest([SEEDS])
    yield news
    store.close()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_shipped_topic_reads_clean(service: NewsService, language: str) -> None:
    rows = audit_topics(service, language, stories=5)
    summed = total(rows)
    table = format_table(rows, sorted(summed.junk))
    assert summed.lines > 100, table
    assert summed.junk_total <= 0.01 * summed.lines, table
    assert summed.repeats == 0, table


def _article(id_: int, language: str = "en") -> Article:
    return Article(id=id_, title="t", text="x", source="s", url=None, canonical_url=None,
                   language=language, published_at=NOW, ingested_at=NOW,
                   content_hash=str(id_))


def test_the_audit_counts_junk_repeats_and_other_languages() -> None:
    line = "The leaders signed a joint statement on trade in Moscow."
    question = "What are your experiences with call centres?"
    russian = "Он подписал соглашение о торговле с Китаем."
    story = Story(lead=_article(1),
                  summary=Summary((line, question, russian), 3, "hybrid", "en"))
    digest = Digest(title="T", query="q", since=NOW - timedelta(days=1), until=NOW,
                    generated_at=NOW, stories=(story,), key_points=(line,))
    assert [x.opens for x in digest_lines(digest)] == [True, True, False, False]
    row = audit_digest("t", digest, "en")
    assert row.lines == 4
    assert row.repeats == 1
    assert row.junk["question"] == 1
    assert row.other_language == 1


def test_the_audit_counts_run_in_labels_and_other_language_key_points() -> None:
    glued = ("Beginning of Russia-China talks President of Russia Vladimir Putin: Trade "
             "between our countries grew by a third this year.")
    russian = "Председатель КНР прибыл с официальным визитом в Российскую Федерацию."
    story = Story(lead=_article(1), summary=Summary((glued, russian), 2, "hybrid", "en"))
    digest = Digest(title="T", query="q", since=NOW - timedelta(days=1), until=NOW,
                    generated_at=NOW, stories=(story,), key_points=(russian,))
    row = audit_digest("t", digest, "en")
    assert row.junk["transcript label"] == 1
    assert (row.other_language, row.other_language_points) == (2, 1)
    assert "| t | 3 |" in format_table([row], ["transcript label"])
