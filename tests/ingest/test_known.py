"""A batch asks the store once which of its keys are stored, and stays exact within the batch.

Runs on SQLite and PostgreSQL: the store answers `known_hashes`, `known_urls` and
`known_external_ids`, and the batch's outcomes must be those of looking up every key.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import event

from digests.ingest import ingest_drafts
from digests.ingest.known import KnownKeys
from digests.ingest.prepare import prepare
from digests.ingest.types import PreparedArticle, Rejection
from digests.models import AddOutcome, ArticleDraft
from digests.settings import Settings
from digests.store import SqlStore, open_store
from tests.store.conftest import database_url  # noqa: F401  (fixture)


@pytest.fixture
def any_store(database_url: str) -> Iterator[SqlStore]:  # noqa: F811
    opened = open_store(database_url)
    assert isinstance(opened, SqlStore)
    yield opened
    opened.close()


def _draft(number: int, **fields: object) -> ArticleDraft:
    values: dict[str, object] = {
        "title": f"Story {number}",
        "text": f"Report number {number} on the harbour works, with figures {number * 7} and "
                f"{number * 13}, as the council said on day {number}.",
        "source": "wire", "language": "en",
    }
    values.update(fields)
    return ArticleDraft(**values)  # type: ignore[arg-type]


def _prepared(draft: ArticleDraft) -> PreparedArticle:
    item = prepare(draft, label=draft.title, max_chars=100_000)
    assert isinstance(item, PreparedArticle)
    return item


def test_of_batch_lists_only_the_stored_keys(any_store: SqlStore, settings: Settings) -> None:
    stored = _draft(1, external_id="e1", canonical_url="https://news.example/1")
    ingest_drafts(any_store, [stored], settings)
    items: list[PreparedArticle | Rejection] = [
        _prepared(stored),
        _prepared(_draft(2, external_id="e2", canonical_url="https://news.example/2")),
        _prepared(_draft(3, external_id="e1", source="elsewhere")),
        Rejection("bad", "empty"),
    ]
    known = KnownKeys.of_batch(any_store, items)
    assert known.hashes == {_prepared(stored).content_hash}
    assert known.external_ids == {("wire", "e1")}  # the same id in another source is not it
    assert known.urls == {"https://news.example/1"}
    assert known.may_have_identity(stored)
    assert not known.may_have_identity(_draft(3, external_id="e1", source="elsewhere"))


def test_later_items_of_a_batch_find_earlier_ones(any_store: SqlStore,
                                                  settings: Settings) -> None:
    first = _draft(1, external_id="e1")
    results = ingest_drafts(any_store, [
        first,
        first,  # the same text again, in the same batch
        _draft(1, external_id="e1", text="Report number 1, corrected: the works end in May."),
        _draft(2, canonical_url="https://news.example/2"),
        _draft(3, canonical_url="https://news.example/2"),  # same page, new text
    ], settings)
    assert [r.outcome for r in results] == [
        AddOutcome.ADDED, AddOutcome.DUPLICATE, AddOutcome.UPDATED,
        AddOutcome.ADDED, AddOutcome.UPDATED,
    ]
    assert results[1].original_id == results[0].article_id
    assert results[2].article_id == results[0].article_id
    assert results[4].article_id == results[3].article_id


def test_a_batch_of_new_articles_looks_up_no_key_one_by_one(any_store: SqlStore,
                                                            settings: Settings) -> None:
    """60 new articles cost one query per key kind, not three lookups each."""
    statements: list[str] = []
    event.listen(any_store.engine, "before_cursor_execute",
                 lambda _c, _cu, statement, *_: statements.append(statement))
    drafts = [_draft(n, external_id=f"e{n}", canonical_url=f"https://news.example/{n}")
              for n in range(60)]
    results = ingest_drafts(any_store, drafts, settings)
    assert {r.outcome for r in results} == {AddOutcome.ADDED}
    lookups = [s for s in statements if s.lstrip().upper().startswith("SELECT")
               and ("content_hash" in s or "canonical_url" in s or "external_id" in s)
               and "signature" not in s.split("FROM")[0]]
    assert len(lookups) <= 3, lookups


def _long(number: int) -> str:
    return " ".join(f"Section {number}.{k}: the harbour council counted {number * k + 3} "
                    f"cranes and {k * 11} ships at berth {number}-{k}." for k in range(8))


def test_a_batch_asks_for_its_near_duplicate_candidates_once(any_store: SqlStore,
                                                             settings: Settings) -> None:
    """30 fingerprinted articles cost one band query; rewrites are found all the same."""
    ingest_drafts(any_store, [_draft(100, text=_long(100))], settings)
    statements: list[str] = []
    event.listen(any_store.engine, "before_cursor_execute",
                 lambda _c, _cu, statement, *_: statements.append(statement))
    rewrite = _long(100).replace("cranes", "tall cranes", 1)
    drafts = [_draft(n, text=_long(n)) for n in range(28)]
    drafts += [_draft(200, text=rewrite),  # of the stored article
               _draft(201, text=_long(5).replace("ships", "boats", 1))]  # of one in the batch
    results = ingest_drafts(any_store, drafts, settings)
    outcomes = [r.outcome for r in results]
    assert outcomes == [AddOutcome.ADDED] * 28 + [AddOutcome.NEAR_DUPLICATE] * 2
    assert results[-1].original_id == results[5].article_id
    band_queries = [s for s in statements if s.lstrip().upper().startswith("SELECT")
                    and "article_bands" in s]
    assert len(band_queries) == 1, band_queries
