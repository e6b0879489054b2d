"""Inline mode through the local Bot API server: results, choosing one, Share queries, paging."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert

from bot.botapi.markup import check_inline_keyboard
from bot.handlers.inline import (
    PAGE_SIZE,
    POPULAR_PAGE_SIZE,
    Budget,
    Page,
    TtlCache,
    build_page,
    parse_offset,
)
from bot.render.parse import visible_text
from digests.store import SqlStore
from digests.store.schema import chats, subscriptions
from tests.bot.conftest import BotWorld


async def _answer(world: BotWorld, query: str, offset: str = "") -> dict[str, Any]:
    sent = world.server.inline_query(world.alice, query, offset)
    return await world.server.wait_for_inline_answer(sent["id"], timeout=30)


def _check_results(answer: dict[str, Any]) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = answer["results"]
    ids = [r["id"] for r in results]
    assert len(set(ids)) == len(ids)
    for result in results:
        assert 1 <= len(result["id"].encode()) <= 64
        assert result["title"]
        assert "\n" not in result.get("description", "")
        content = result["input_message_content"]
        assert content["parse_mode"] == "HTML"
        assert content["link_preview_options"]["is_disabled"] is True
        check_inline_keyboard(result["reply_markup"])
    return results


async def test_russia_china_gets_the_digest_then_summaries(world: BotWorld) -> None:
    answer = await _answer(world, "russia china")
    results = _check_results(answer)
    assert results[0]["id"] == "t_russia-china"
    assert results[0]["title"].startswith("📰")
    assert all(r["id"].startswith("a") for r in results[1:])
    assert 2 <= len(results) <= PAGE_SIZE
    assert answer["next_offset"] == str(len(results) - 1)
    assert int(answer["cache_time"]) > 0
    assert world.server.errors() == []


async def test_choosing_a_result_posts_the_stored_summary(world: BotWorld) -> None:
    answer = await _answer(world, "russia china")
    article_result = _check_results(answer)[1]
    posted = world.server.choose_inline_result(world.alice, answer["inline_query_id"],
                                               article_result["id"], world.group)
    article_id = int(article_result["id"][1:])
    stored = world.services.news.summary_of_article(article_id).summary
    text = " ".join(posted["text"].split())
    assert stored.sentences
    for sentence in stored.sentences:
        assert " ".join(sentence.split()) in text
    assert posted["via_bot"]["username"] == world.app.bot.username
    assert any("Share" in b["text"] for row in posted["reply_markup"]["inline_keyboard"]
               for b in row)


async def test_share_query_returns_that_article(world: BotWorld) -> None:
    [result] = _check_results(await _answer(world, "a_3"))
    assert result["id"] == "a3"
    title = world.services.news.article(3).title
    assert visible_text(result["input_message_content"]["message_text"]).startswith(title[:20])
    assert (await _answer(world, "a_999999999"))["results"] == []
    assert (await _answer(world, f"a_{2**63 - 1}"))["results"] == []
    assert world.server.errors() == []


async def test_pages_do_not_repeat_results(world: BotWorld) -> None:
    answer = await _answer(world, "putin")
    first = _check_results(answer)
    answer = await _answer(world, "putin", answer["next_offset"])
    second = _check_results(answer)
    assert second
    assert not {r["id"] for r in first} & {r["id"] for r in second}


async def test_empty_query_offers_topic_digests(world: BotWorld) -> None:
    answer = await _answer(world, "")
    results = _check_results(answer)
    assert 1 <= len(results) <= POPULAR_PAGE_SIZE
    curated = ["t_russia-china", "t_ukraine-war", "t_covid-19", "t_us-election-2020", "t_brexit"]
    assert [r["id"] for r in results] == curated[: len(results)]  # no subscriptions: file order
    assert answer["next_offset"] == str(len(results))


async def test_unsearchable_queries_get_no_results_not_errors(world: BotWorld) -> None:
    for query in ("russia-chna", "AND OR", "()", "-", "🙂" * 50):
        assert (await _answer(world, query))["results"] == [], query
    assert world.server.errors() == []


def test_the_most_subscribed_topics_come_first(world: BotWorld) -> None:
    news = world.services.news
    assert isinstance(news.store, SqlStore)
    now = news.clock()
    with news.store.engine.begin() as conn:
        conn.execute(insert(chats).values(chat_id=-5, type="group", created_at=now,
                                          updated_at=now))
        for topic in ("space", "space", "energy"):
            conn.execute(insert(subscriptions).values(chat_id=-5, topic=topic, query=topic,
                                                      created_at=now))
    page = build_page(news, "", 0, None, Budget(seconds=float("inf")))
    assert [r.id for r in page.results][:3] == ["t_space", "t_energy", "t_russia-china"]


def test_a_spent_budget_defers_results_to_the_next_page(world: BotWorld) -> None:
    news = world.services.news
    unhurried = build_page(news, "putin", 0, None, Budget(seconds=float("inf")))
    hurried = build_page(news, "putin", 0, None, Budget(seconds=-1.0))
    assert [r.id for r in hurried.results] == [unhurried.results[0].id]
    assert hurried.next_offset == "1"
    rest = build_page(news, "putin", 1, None, Budget(seconds=float("inf")))
    assert [r.id for r in rest.results][: PAGE_SIZE - 1] == [r.id for r in unhurried.results[1:]]


def test_the_cache_expires_and_stays_bounded() -> None:
    now = [0.0]
    cache = TtlCache(10.0, clock=lambda: now[0], max_entries=2)
    page = Page(())
    cache.put(("q", 0, "en"), page)
    assert cache.get(("q", 0, "en")) is page
    now[0] = 10.0
    assert cache.get(("q", 0, "en")) is None
    for key in ("a", "b", "c"):
        cache.put((key, 0, "en"), page)
    assert cache.get(("a", 0, "en")) is None
    assert cache.get(("c", 0, "en")) is page


def test_offsets_we_did_not_produce_mean_the_start() -> None:
    assert parse_offset("19") == 19
    for bad in ("", "-1", "x", "1e9", "99999999999", "²", "٣", "１", "1_0", " "):
        assert parse_offset(bad) == 0


def test_all_languages_keep_the_readers_interface_language(world: BotWorld) -> None:
    """A Russian reader who chose "all languages" still reads the results' frame in Russian."""
    news = world.services.news
    page = build_page(news, "", 0, None, Budget(seconds=float("inf")), None, interface="ru")
    assert page.results[0].title.startswith("📰 Дайджест: ")
    english = build_page(news, "", 0, None, Budget(seconds=float("inf")), None)
    assert english.results[0].title.startswith("📰 Digest: ")
