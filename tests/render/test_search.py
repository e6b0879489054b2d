from __future__ import annotations

from bot.render.search import render_search
from digests.models import SearchHit
from tests.render.conftest import HOSTILE_TITLE, make_article
from tests.render.oracle import assert_sendable


def test_results_page_lists_hits_with_credit_and_command() -> None:
    hits = [SearchHit(make_article(id=i, title=f"Title {i}"), 1.0) for i in (5, 9)]
    message = render_search(hits, "putin & co", 2, 3)
    visible = assert_sendable(message)
    assert visible.startswith("🔎 Results for putin & co · page 2 of 3\n\n1. Title 5\n")
    assert "/article 9" in visible
    assert "CC BY 2.5" in visible


def test_no_hits() -> None:
    message = render_search([], "<nothing>", 1, 0)
    assert (
        message == "Nothing found for <code>&lt;nothing&gt;</code>. Try fewer or different words."
    )


def test_hostile_and_huge_results_stay_one_sendable_message() -> None:
    hits = [
        SearchHit(make_article(id=i, title=HOSTILE_TITLE * 50, source="x" * 5000), 1.0)
        for i in range(40)
    ]
    assert_sendable(render_search(hits, "q" * 5000, 1, 1))
