from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.render.callback import (
    MAX_CALLBACK_BYTES,
    NOOP,
    Noop,
    OpenArticle,
    SearchPage,
    Subscribe,
    article_data,
    decode_callback,
    search_page_data,
    subscribe_data,
)
from bot.render.tokens import query_key, resolve_topic_token, topic_token
from tests.render.conftest import LONGEST_ID

topic_names = st.text(min_size=1, max_size=64)


def _fits(data: str) -> bool:
    return 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES


def test_article_data_round_trips_for_the_longest_id() -> None:
    data = article_data(LONGEST_ID)
    assert data == f"a:{LONGEST_ID}"
    assert _fits(data)
    assert decode_callback(data) == OpenArticle(LONGEST_ID)


@pytest.mark.parametrize("bad", [-1, LONGEST_ID + 1])
def test_article_ids_out_of_range_are_refused(bad: int) -> None:
    with pytest.raises(ValueError):
        article_data(bad)


@given(topic_names)
def test_subscribe_data_fits_and_resolves_for_any_topic_name(name: str) -> None:
    data = subscribe_data(name)
    assert _fits(data)
    decoded = decode_callback(data)
    assert isinstance(decoded, Subscribe)
    assert resolve_topic_token(decoded.topic_token, ["other", name]) == name


def test_short_safe_topic_names_stay_readable() -> None:
    assert subscribe_data("russia-china") == "sub:russia-china"
    long_name = "x" * 64
    assert subscribe_data(long_name).startswith("sub:_")
    assert topic_token("Россия") != topic_token("Китай")


def test_hashed_tokens_cannot_collide_with_plain_names() -> None:
    for name in ["_x", "-x", "a b", "ü", "x" * 49]:
        assert topic_token(name).startswith("_")
        assert resolve_topic_token(topic_token(name), ["x", "_x"]) in {name, None}


@given(st.text(max_size=2000), st.integers(1, 99_999))
def test_search_page_data_fits_for_any_query(query: str, page: int) -> None:
    data = search_page_data(query_key(query), page)
    assert _fits(data)
    assert decode_callback(data) == SearchPage(query_key(query), page)


def test_query_key_ignores_case_and_spacing() -> None:
    assert query_key("Russia  China") == query_key(" russia china ")
    assert len(query_key("x" * 1000)) == 10


@pytest.mark.parametrize(
    "data", ["", "a:", "a:-1", "a:01", f"a:{LONGEST_ID + 1}", "sub:", "sub:a b", "s:k:0", "zzz"]
)
def test_foreign_callback_data_decodes_to_none(data: str) -> None:
    assert decode_callback(data) is None


def test_noop() -> None:
    assert decode_callback(NOOP) == Noop()


@given(st.text(max_size=80))
def test_decoding_never_raises(data: str) -> None:
    decode_callback(data)
