"""The storage contract: every test runs against SQLite and, when configured, PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert, select

from digests.models import ArticleDraft, Summary
from digests.query import MAX_DEPTH, QueryError, parse_query
from digests.store import DuplicateArticleError, SqlStore, open_store
from digests.store.bands import period_of
from digests.store.schema import alert_inbox, article_bands, articles
from tests.store.conftest import T0, FixedClock

Add = Callable[..., int]


def ids(
    store: SqlStore, query: str, *, since: datetime | None = None, until: datetime | None = None
) -> list[int]:
    return [hit.article.id for hit in store.search(parse_query(query), since=since, until=until)]


# Articles -------------------------------------------------------------------------------
def test_add_and_get_roundtrip_every_field(store: SqlStore, clock: FixedClock) -> None:
    published = datetime(2026, 2, 1, 9, 30, tzinfo=UTC)
    draft = ArticleDraft(
        title="Summit in Beijing", text="Leaders met.", source="The Conversation",
        url="https://example.org/a?utm=1", canonical_url="https://example.org/a",
        language="en", published_at=published, author="A. Writer", license="CC BY-ND 4.0",
        attribution="Republished from The Conversation", external_id="guid-1", origin="feed",
    )
    article = store.add_article(draft, content_hash="h1", signature=[1, 2**32 + 5, 7])
    again = store.get_article(article.id)
    assert again == article
    assert article.title == "Summit in Beijing"
    assert article.canonical_url == "https://example.org/a"
    assert article.published_at == published
    assert article.ingested_at == clock.now
    assert article.published_at.tzinfo is not None
    assert article.signature == (1, 2**32 + 5, 7)
    assert (article.author, article.license, article.external_id, article.origin) == (
        "A. Writer", "CC BY-ND 4.0", "guid-1", "feed",
    )


def test_published_at_defaults_to_ingest_time_and_is_stored_in_utc(
    store: SqlStore, clock: FixedClock
) -> None:
    first = store.add_article(ArticleDraft("t", "x", "s"), content_hash="a")
    assert first.published_at == clock.now
    plus_three = datetime(2026, 1, 1, 15, 0, tzinfo=UTC).astimezone(ZoneInfo("Europe/Moscow"))
    second = store.add_article(
        ArticleDraft("t2", "y", "s", published_at=plus_three), content_hash="b"
    )
    assert second.published_at == datetime(2026, 1, 1, 15, 0, tzinfo=UTC)
    assert second.published_at.utcoffset() == timedelta(0)


def test_naive_datetime_is_refused(store: SqlStore) -> None:
    with pytest.raises(Exception, match="naive"):
        store.add_article(
            ArticleDraft("t", "x", "s", published_at=datetime(2026, 1, 1)), content_hash="a"
        )


def test_unknown_ids(store: SqlStore, add: Add) -> None:
    first = add("one")
    second = add("two")
    assert store.get_article(9999) is None
    assert [a.id for a in store.get_articles([second, 9999, first])] == [second, first]
    assert store.get_articles([]) == []


def test_content_hash_is_unique(store: SqlStore, add: Add) -> None:
    first = add("one", content_hash="same")
    with pytest.raises(DuplicateArticleError) as raised:
        add("other", content_hash="same")
    assert raised.value.existing_id == first
    assert store.count_articles() == 1
    found = store.find_by_hash("same")
    assert found is not None
    assert found.id == first
    assert store.find_by_hash("nope") is None


def test_find_by_url_and_external_id(store: SqlStore, add: Add) -> None:
    first = add("one", canonical_url="https://a.example/1", external_id="g1", source="feed")
    add("two", canonical_url="https://a.example/2", external_id="g1", source="other")
    found = store.find_by_url("https://a.example/1")
    assert found is not None
    assert found.id == first
    assert store.find_by_url("https://a.example/9") is None
    by_id = store.find_by_external_id("feed", "g1")
    assert by_id is not None
    assert by_id.id == first
    assert store.find_by_external_id("feed", "g2") is None


def test_external_id_is_unique_per_source(store: SqlStore, add: Add) -> None:
    first = add("one", external_id="g1", source="feed")
    add("no id one")
    add("no id two")  # many articles without an external id are fine
    with pytest.raises(DuplicateArticleError) as raised:
        add("two", external_id="g1", source="feed")
    assert raised.value.existing_id == first


def test_known_external_ids_per_source_in_chunks(store: SqlStore, add: Add) -> None:
    for n in range(3):
        add(f"entry {n}", external_id=f"g{n}", source="feed")
    add("elsewhere", external_id="g9", source="other")
    asked = [f"g{n}" for n in range(1200)]  # more than one chunk of the IN list
    assert store.known_external_ids("feed", asked) == {"g0", "g1", "g2"}
    assert store.known_external_ids("feed", []) == set()
    assert store.known_external_ids("other", ["g9", "g0"]) == {"g9"}


def test_near_duplicate_candidates_by_shared_bands(store: SqlStore, add: Add) -> None:
    original = add("original", bands=["b1", "b2", "b3"], signature=[1, 2**32 + 5, 3])
    weaker = add("weaker", bands=["b3", "b9"])
    add("unrelated", bands=["x1"])
    add("copy", bands=["b1", "b2"], duplicate_of=original)
    candidates = store.near_duplicate_candidates(["b1", "b2", "b3"])
    assert [a.id for a in candidates] == [original, weaker]  # most shared first, originals only
    assert [a.signature for a in candidates] == [(1, 2**32 + 5, 3), None]  # all the check reads
    assert store.near_duplicate_candidates([]) == []
    assert [a.id for a in store.near_duplicate_candidates(["b1", "b3"], limit=1)] == [original]


def test_near_duplicate_candidates_are_published_within_a_week_or_so(
        store: SqlStore, add: Add, clock: FixedClock) -> None:
    """Originals a week either side are compared; a month away, never (`bands.py`)."""
    now = clock()
    ids = {days: add(f"{days} days away", published_at=now + timedelta(days=days), bands=["b1"])
           for days in (-30, -7, -1, 0, 6, 7, 30)}
    found = {f.id for f in store.near_duplicate_candidates(["b1"], now)}
    assert {ids[d] for d in (-7, -1, 0, 6, 7)} <= found
    assert not {ids[-30], ids[30]} & found
    assert {f.id for f in store.near_duplicate_candidates(["b1"])} == found  # undated: now
    old = now - timedelta(days=30)
    assert [f.id for f in store.near_duplicate_candidates(["b1"], old)] == [ids[-30]]


def test_duplicates_of(store: SqlStore, add: Add, clock: FixedClock) -> None:
    original = add("original")
    lone = add("lone")
    copy = add("copy", duplicate_of=original)
    clock.advance(minutes=1)
    later = add("later copy", duplicate_of=original)
    result = store.duplicates_of([original, lone])
    assert {k: [a.id for a in v] for k, v in result.items()} == {
        original: [copy, later], lone: [],
    }
    copy_article = store.get_article(copy)
    assert copy_article is not None
    assert copy_article.duplicate_of == original


def test_list_and_count_newest_first(store: SqlStore, add: Add) -> None:
    old = add("old", published_at=T0 - timedelta(days=3))
    new = add("new", published_at=T0 - timedelta(days=1))
    tie_a = add("tie a", published_at=T0 - timedelta(days=2))
    tie_b = add("tie b", published_at=T0 - timedelta(days=2))
    assert store.count_articles() == 4
    assert [a.id for a in store.list_articles()] == [new, tie_b, tie_a, old]
    assert [a.id for a in store.list_articles(limit=2, offset=1)] == [tie_b, tie_a]
    since = T0 - timedelta(days=2)
    assert [a.id for a in store.list_articles(since=since)] == [new, tie_b, tie_a]


def test_update_article_replaces_content_index_and_bands(store: SqlStore, add: Add) -> None:
    article_id = add("Draft headline", "Walrus census results", bands=["old"])
    before = store.get_article(article_id)
    assert before is not None
    updated = store.update_article(
        article_id,
        ArticleDraft("Final headline", "Penguin census results", "test", language="en"),
        content_hash="new-hash", signature=[9], bands=["new"],
    )
    assert (updated.id, updated.title, updated.content_hash) == (
        article_id, "Final headline", "new-hash",
    )
    assert updated.ingested_at == before.ingested_at
    assert updated.published_at == before.published_at
    assert updated.signature == (9,)
    assert ids(store, "penguin") == [article_id]
    assert ids(store, "walrus") == []
    assert store.near_duplicate_candidates(["old"]) == []
    assert [a.id for a in store.near_duplicate_candidates(["new"])] == [article_id]
    with pytest.raises(KeyError):
        store.update_article(9999, ArticleDraft("t", "x", "s"), content_hash="z")


# Search -----------------------------------------------------------------------------------
def test_title_match_ranks_above_body_match(store: SqlStore, add: Add) -> None:
    body = add("Weather report", "Rain later. The summit was postponed. Wind from the west.")
    title = add("Summit opens", "Delegates arrived in the morning and talked about trade.")
    add("Unrelated", "Nothing to see here.")
    hits = store.search(parse_query("summit"))
    assert [h.article.id for h in hits] == [title, body]
    assert hits[0].score > hits[1].score


def test_stemming_matches_inflections(store: SqlStore, add: Add) -> None:
    talk = add("Leaders talk", "A short talk about trade.")
    assert ids(store, "talks") == [talk]
    assert ids(store, "talking") == [talk]


def test_russian_prefix_and_word(store: SqlStore, add: Add) -> None:
    article = add("Россия и Китай", "Переговоры в Москве прошли успешно.", language="ru")
    add("Weather", "Sunny.")
    assert ids(store, "росси*") == [article]
    assert ids(store, "Китай") == [article]
    assert ids(store, "москв*") == [article]


def test_chinese_word_inside_a_run_of_characters(store: SqlStore, add: Add) -> None:
    article = add("中俄关系", "两国领导人会晤。", language="zh")
    add("Weather", "Sunny.")
    assert ids(store, "中俄") == [article]
    assert ids(store, "俄关") == [article]
    assert ids(store, "美国") == []


def test_phrase_search(store: SqlStore, add: Add) -> None:
    phrase = add("Statement", "They signed a joint statement on energy.")
    apart = add("Other", "The statement was not joint work.")
    assert ids(store, '"joint statement"') == [phrase]
    assert set(ids(store, "joint statement")) == {phrase, apart}


def test_or_and_not(store: SqlStore, add: Add) -> None:
    kremlin = add("Kremlin briefing", "Officials spoke.")
    beijing = add("Beijing visit", "Officials travelled.")
    both = add("Kremlin and Beijing", "Officials agreed with Ukraine mentioned.")
    assert set(ids(store, "kremlin OR beijing")) == {kremlin, beijing, both}
    assert set(ids(store, "kremlin beijing")) == {both}
    assert set(ids(store, "kremlin -beijing")) == {kremlin}
    assert set(ids(store, "(kremlin OR beijing) AND NOT ukraine")) == {kremlin, beijing}
    assert set(ids(store, "officials NOT (kremlin OR beijing)")) == set()
    assert set(ids(store, "kremlin OR NOT beijing")) == {kremlin, both}


@pytest.mark.parametrize(
    "query",
    ["AT&T", "covid-19", '"unbalanced', "NEAR(", "NEAR(a b)", "a*", "title:x", "^start",
     "x OR", "(((", "'; DROP TABLE articles; --", "___", "foo_bar*", "a' OR '1'='1",
     "don't", "\\", "AND OR", "col:*"],
)
def test_hostile_queries_never_raise(store: SqlStore, add: Add, query: str) -> None:
    add("AT&T and covid-19 news", "Near the title: a start of things, don't panic.")
    try:
        node = parse_query(query)
    except ValueError:
        return  # QueryError: nothing searchable, which the caller reports
    store.search(node)
    assert store.count_articles() == 1


def test_hostile_words_are_searched_as_words(store: SqlStore, add: Add) -> None:
    article = add("AT&T results and covid-19 cases", "Numbers rose.")
    add("Other", "at the time there were 19 t-shirts")
    assert ids(store, "AT&T") == [article]
    assert ids(store, "covid-19") == [article]


def test_since_until_window(store: SqlStore, add: Add) -> None:
    old = add("Summit one", published_at=T0 - timedelta(days=10))
    mid = add("Summit two", published_at=T0 - timedelta(days=5))
    new = add("Summit three", published_at=T0)
    assert set(ids(store, "summit", since=T0 - timedelta(days=5))) == {mid, new}
    assert set(ids(store, "summit", until=T0)) == {old, mid}
    assert ids(store, "summit", since=T0 - timedelta(days=6), until=T0) == [mid]


def test_a_window_finds_its_articles_whatever_order_they_were_stored_in(
    store: SqlStore, add: Add
) -> None:
    """SQLite bounds a window's search by the ids published in it: exact when ids and
    dates do not go together (an old archive ingested after today's news)."""
    today = add("Summit today", published_at=T0)
    outside = [add(f"Summit archive {k}", published_at=T0 - timedelta(days=400 + k))
               for k in range(3)]
    late_but_recent = add("Summit late", published_at=T0 - timedelta(hours=2))
    window = ids(store, "summit", since=T0 - timedelta(days=1), until=T0 + timedelta(hours=1))
    assert set(window) == {today, late_but_recent}
    assert not set(window) & set(outside)
    assert ids(store, "summit", since=T0 + timedelta(days=1)) == []  # nothing published then
    scores = {h.article.id: h.score for h in store.search(parse_query("summit"))}
    windowed = store.search(parse_query("summit"), since=T0 - timedelta(days=1))
    assert all(h.score == pytest.approx(scores[h.article.id]) for h in windowed)


def test_equal_relevance_prefers_newer_and_pages(store: SqlStore, add: Add) -> None:
    older = add("Summit", "x", content_hash="1", published_at=T0 - timedelta(days=1))
    newer = add("Summit", "x", content_hash="2", published_at=T0)
    assert ids(store, "summit") == [newer, older]
    page = store.search(parse_query("summit"), limit=1, offset=1)
    assert [h.article.id for h in page] == [older]


def test_open_search_scores_the_newest_candidates_windows_score_all(
    store: SqlStore, add: Add
) -> None:
    """Without a window, only the `search_candidates` most recently stored matches count.

    A common word matches a fifth of all articles; scoring them all made search grow
    with the corpus. A window (or given ids) bounds the matches, so all are scored.
    """
    best = add("Summit summit", "Summit talks at the summit.", published_at=T0 - timedelta(days=3))
    middle = add("Summit", "Talks.", published_at=T0 - timedelta(days=2))
    newest = add("Weather", "The summit was postponed.", published_at=T0 - timedelta(days=1))
    everything = ids(store, "summit")
    assert set(everything) == {best, middle, newest}
    store.search_candidates = 2
    assert ids(store, "summit") == [i for i in everything if i != best]  # order kept
    assert ids(store, "summit", since=T0 - timedelta(days=5)) == everything
    found = store.search(parse_query("summit"), ids=[best, newest])
    assert [hit.article.id for hit in found] == [i for i in everything if i != middle]


@pytest.mark.parametrize("cap", [1, 2, 3, 4, 5, 6, 7, 8, 9])
def test_open_search_finds_the_newest_matches_however_far_apart(
    store: SqlStore, cap: int
) -> None:
    """The `cap` newest matches, whichever id ranges they are in, and no older one.

    PostgreSQL reads the newest id ranges first and widens band by band (2,048 ids a
    range, `search_postgres.RANGE_BANDS`) until it has `cap` matches, else takes every
    match; SQLite walks FTS5 rowids down. Ids here are given, far apart, so that the
    matches lie in the newest range, one band back, several bands back and beyond the
    last band; non-matching articles sit newer than some of them.
    """
    span = 2048
    top = 200 * span + 5
    matching = [top - 1, 199 * span + 7, 198 * span + 9, 197 * span, 190 * span, 150 * span, 40, 3]
    other = [top, 198 * span, 120 * span, 2]
    rows = [{"id": i, "source": "s", "title": f"news {i}",
             "text": "summit talks" if i in matching else "weather report",
             "language": "en", "published_at": T0 - timedelta(minutes=i),
             "ingested_at": T0, "content_hash": f"h{i}", "owner_chat_id": None,
             "origin": "text", "extra": {}, "dated": True}
            for i in sorted(matching + other)]
    with store.engine.begin() as conn:
        conn.execute(insert(articles), rows)
    store.search_candidates = cap
    found = {hit.article.id for hit in store.search(parse_query("summit"))}
    assert found == set(sorted(matching, reverse=True)[:cap])
    phrase = {hit.article.id for hit in store.search(parse_query('"summit talks"'))}
    assert phrase == found


def test_search_returns_full_articles(store: SqlStore, add: Add) -> None:
    article_id = add("Summit", "Body text", source="Wire", canonical_url="https://x.example/s")
    (hit,) = store.search(parse_query("summit"))
    assert hit.article == store.get_article(article_id)


# Private articles (text a chat sent the bot) -----------------------------------------------
def test_private_article_roundtrips_but_is_never_searched_or_listed(
    store: SqlStore, add: Add
) -> None:
    public = add("Walrus census", "Walrus numbers rose.", bands=["b1"])
    private = add("Walrus diary", "My walrus notes.", owner_chat_id=42, bands=["b1"],
                  duplicate_of=public)
    article = store.get_article(private)
    assert article is not None
    assert article.owner_chat_id == 42
    assert [a.owner_chat_id for a in store.get_articles([public, private])] == [None, 42]
    assert ids(store, "walrus") == [public]
    assert [a.id for a in store.list_articles()] == [public]
    assert store.count_articles() == 2
    assert store.duplicates_of([public]) == {public: []}
    assert [a.id for a in store.near_duplicate_candidates(["b1"])] == [public]


def test_private_text_is_never_a_near_duplicate_original(store: SqlStore, add: Add) -> None:
    add("Walrus diary", "My walrus notes.", owner_chat_id=42, bands=["b1"])
    assert store.near_duplicate_candidates(["b1"]) == []


def test_publish_article_makes_it_searchable(store: SqlStore, add: Add) -> None:
    private = add("Walrus diary", "My walrus notes.", owner_chat_id=42)
    store.publish_article(private)
    article = store.get_article(private)
    assert article is not None
    assert article.owner_chat_id is None
    assert ids(store, "walrus") == [private]
    assert [a.id for a in store.list_articles()] == [private]


# Summary cache -----------------------------------------------------------------------------
def test_summary_cache_roundtrip_and_replace(store: SqlStore, add: Add) -> None:
    article_id = add("Summit", "One. Two. Three.")
    assert store.get_cached_summary(article_id, "lexrank", "2") is None
    summary = Summary(("One.", "Три."), 3, "lexrank", "en", article_id, note="fallback")
    store.put_cached_summary(summary, "2")
    assert store.get_cached_summary(article_id, "lexrank", "2") == summary
    assert store.get_cached_summary(article_id, "lexrank", "20%") is None
    assert store.get_cached_summary(article_id, "lsa", "2") is None
    replaced = Summary(("Two.",), 3, "lexrank", "en", article_id)
    store.put_cached_summary(replaced, "2")
    assert store.get_cached_summary(article_id, "lexrank", "2") == replaced


def test_concurrent_cache_writes_of_one_summary_all_succeed(
    database_url: str, clock: FixedClock, add: Add
) -> None:
    """Regression: delete-then-insert let a second writer fail on the primary key."""
    from concurrent.futures import ThreadPoolExecutor

    article_id = add("Summit", "One. Two. Three.")
    stores = [open_store(database_url, clock=clock) for _ in range(4)]
    summary = Summary(("One.",), 3, "lexrank", "en", article_id)
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            for _ in range(5):
                list(pool.map(lambda s: s.put_cached_summary(summary, "1"), stores))
        assert stores[0].get_cached_summary(article_id, "lexrank", "1") == summary
    finally:
        for opened in stores:
            opened.close()


def test_summary_without_article_is_not_cached(store: SqlStore) -> None:
    with pytest.raises(ValueError, match="stored articles"):
        store.put_cached_summary(Summary(("a",), 1, "lead", "en"), "1")


# Migrations ----------------------------------------------------------------------------------
def test_opening_twice_keeps_data(database_url: str, clock: FixedClock) -> None:
    first = open_store(database_url, clock=clock)
    first.add_article(ArticleDraft("Summit", "x", "s"), content_hash="h")
    first.close()
    second = open_store(database_url, clock=clock)
    try:
        assert second.count_articles() == 1
        assert len(second.search(parse_query("summit"))) == 1
    finally:
        second.close()


@pytest.mark.parametrize("query", ["(" * 330 + "russia", "russia " + "-(" * 300 + "x",
                                   "russia " + "NOT " * 240 + "x"])
def test_deeply_nested_queries_are_refused_on_every_backend(store: SqlStore, add: Add,
                                                            query: str) -> None:
    add("Russia news", "Russia and China.")
    with pytest.raises(QueryError, match="levels deep"):
        store.search(parse_query(query))


def test_nesting_at_the_cap_compiles_on_every_backend(store: SqlStore, add: Add) -> None:
    russia = add("Russia news", "Russia and China.")
    assert ids(store, "(" * MAX_DEPTH + "russia" + ")" * MAX_DEPTH) == [russia]
    assert ids(store, "russia " + "NOT " * MAX_DEPTH + "x") == [russia]
    assert ids(store, "russia " + "-(" * (MAX_DEPTH // 2) + "x") == [russia]


def test_known_hashes_and_urls(store: SqlStore, add: Add) -> None:
    add("one", content_hash="h1", canonical_url="https://news.example/1")
    add("two", content_hash="h2", canonical_url="https://news.example/1")
    asked = [f"h{n}" for n in range(1200)]  # more than one chunk of the IN list
    assert store.known_hashes(asked) == {"h1", "h2"}
    assert store.known_hashes([]) == set()
    assert store.known_urls(["https://news.example/1", "https://news.example/2"]) == {
        "https://news.example/1"}
    assert store.known_urls([]) == set()


def test_only_public_news_enters_the_alert_inbox(store: SqlStore, add: Add) -> None:
    public = add("public news", bands=["b1", "b2"])
    add("a chat's own text", owner_chat_id=42, bands=["b3"])
    with store.engine.connect() as conn:
        inbox = conn.execute(select(alert_inbox.c.article_id)).scalars().all()
        bands = conn.execute(select(article_bands.c.band, article_bands.c.article_id)
                             .order_by(article_bands.c.band)).all()
    assert inbox == [public]
    period = f"p{period_of(store.clock())}:"  # stored under the period published (bands.py)
    assert [band for band, _ in bands] == [period + "b1", period + "b2", period + "b3"]
    assert bands[0].article_id == public
