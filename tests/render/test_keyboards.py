from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from telegram import InlineKeyboardMarkup

from bot.botapi.errors import ApiError
from bot.botapi.markup import check_inline_keyboard
from bot.limits import MAX_INLINE_QUERY_UNITS, cut_inline_query, utf16_units
from bot.render.callback import MAX_CALLBACK_BYTES, NOOP
from bot.render.keyboards import (
    digest_keyboard,
    search_keyboard,
    summary_keyboard,
)
from bot.render.tokens import query_key
from tests.render.conftest import HOSTILE_TITLE, LONGEST_ID


def _buttons(markup: InlineKeyboardMarkup | None) -> list[dict[str, object]]:
    assert markup is not None
    return [button.to_dict() for row in markup.inline_keyboard for button in row]


def _assert_button_limits(markup: InlineKeyboardMarkup | None) -> None:
    assert markup is not None
    check_inline_keyboard(markup.to_dict())  # the local Bot API server's own checks
    for button in _buttons(markup):
        data = button.get("callback_data")
        if data is not None:
            assert 1 <= len(str(data).encode("utf-8")) <= MAX_CALLBACK_BYTES
        chosen = button.get("switch_inline_query_chosen_chat")
        if isinstance(chosen, dict):
            assert utf16_units(chosen.get("query", "")) <= MAX_INLINE_QUERY_UNITS


def test_summary_keyboard_shares_to_any_chat_and_links_the_article() -> None:
    buttons = _buttons(summary_keyboard(LONGEST_ID, "russia china", "https://example.org/a"))
    share, full = buttons
    assert share["switch_inline_query_chosen_chat"] == {
        "query": "russia china",
        "allow_user_chats": True,
        "allow_group_chats": True,
        "allow_channel_chats": True,
    }
    assert full["url"] == "https://example.org/a"


def test_summary_keyboard_defaults_the_share_query_to_the_article_token() -> None:
    share = _buttons(summary_keyboard(LONGEST_ID, None, None))[0]
    assert share["switch_inline_query_chosen_chat"]["query"] == f"a_{LONGEST_ID}"  # type: ignore[index]


def test_no_full_article_button_for_non_http_urls() -> None:
    assert len(_buttons(summary_keyboard(1, "q", "javascript:alert(1)"))) == 1


@given(st.text(max_size=600))
@example("я" * 300)  # Cyrillic: two UTF-8 bytes a letter, once refused by our own server
@example("日" * 400)
@example("😀" * 200)  # outside the BMP: two UTF-16 units each
def test_share_query_is_cut_to_the_inline_query_limit(query: str) -> None:
    _assert_button_limits(summary_keyboard(LONGEST_ID, HOSTILE_TITLE + query, None))


def _share(query: str) -> dict[str, object]:
    chosen = {"query": query, "allow_user_chats": True}
    return {"inline_keyboard": [[{"text": "Share", "switch_inline_query_chosen_chat": chosen}]]}


@pytest.mark.parametrize("unit", ["я", "日", "a"])
@pytest.mark.parametrize("count", [255, 256, 257])
def test_product_and_server_agree_at_the_edge(unit: str, count: int) -> None:
    """One rule: what the product sends is what the server accepts, at 255/256/257 units."""
    text = unit * count
    cut = cut_inline_query(text)
    assert cut == text[:256]
    check_inline_keyboard(_share(cut))
    if count > 256:
        with pytest.raises(ApiError):
            check_inline_keyboard(_share(text))
    else:
        check_inline_keyboard(_share(text))


@pytest.mark.parametrize(("count", "kept"), [(127, 127), (128, 128), (129, 128)])
def test_emoji_count_two_units_each(count: int, kept: int) -> None:
    text = "😀" * count
    assert cut_inline_query(text) == "😀" * kept
    check_inline_keyboard(_share(cut_inline_query(text)))
    if count > 128:
        with pytest.raises(ApiError):
            check_inline_keyboard(_share(text))


def test_an_emoji_is_never_split_at_the_limit() -> None:
    assert cut_inline_query("a" + "😀" * 128) == "a" + "😀" * 127


@given(st.text(min_size=1, max_size=64))
def test_digest_keyboard_fits_for_any_topic_name(name: str) -> None:
    markup = digest_keyboard(name, name)
    _assert_button_limits(markup)
    assert [b["text"] for b in _buttons(markup)] == ["↗️ Share", "🔔 Subscribe"]


def test_digest_keyboard_without_a_topic_has_no_subscribe() -> None:
    assert len(_buttons(digest_keyboard(None, "putin"))) == 1


def test_search_keyboard_pages() -> None:
    key = query_key("putin")
    assert search_keyboard(key, 1, 1) is None
    first = _buttons(search_keyboard(key, 1, 3))
    assert [b["callback_data"] for b in first] == [NOOP, f"s:{key}:2"]
    middle = _buttons(search_keyboard(key, 2, 3))
    assert [b["callback_data"] for b in middle] == [f"s:{key}:1", NOOP, f"s:{key}:3"]
    last = _buttons(search_keyboard(key, 99, 3))
    assert [b["text"] for b in last] == ["◀️", "3/3"]
    _assert_button_limits(search_keyboard(key, 500, 99_999))


@pytest.mark.parametrize(("char", "kept"), [
    ("\uffff", 256),  # the last character of one UTF-16 unit
    ("\U00010000", 128),  # the first that takes two
    ("😀", 128), ("я", 256), ("a", 256),
])
def test_a_share_query_keeps_as_many_characters_as_telegram_counts(char: str, kept: int) -> None:
    assert cut_inline_query(char * 300) == char * kept
