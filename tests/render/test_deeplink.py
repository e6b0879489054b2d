from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.render.deeplink import (
    PAYLOAD_RE,
    ArticleLink,
    TopicLink,
    article_payload,
    deep_link,
    parse_payload,
    topic_payload,
)
from bot.render.tokens import resolve_topic_token
from tests.render.conftest import LONGEST_ID


def test_article_deep_link() -> None:
    assert deep_link("@NewsDigestBot", article_payload(7)) == "https://t.me/NewsDigestBot?start=a_7"
    assert parse_payload(article_payload(LONGEST_ID)) == ArticleLink(LONGEST_ID)


@given(st.text(min_size=1, max_size=64))
def test_topic_payload_is_valid_and_resolves_for_any_name(name: str) -> None:
    payload = topic_payload(name)
    assert PAYLOAD_RE.fullmatch(payload)
    decoded = parse_payload(payload)
    assert isinstance(decoded, TopicLink)
    assert resolve_topic_token(decoded.topic_token, [name]) == name


def test_readable_topic_payload() -> None:
    assert topic_payload("russia-china") == "t_russia-china"


@pytest.mark.parametrize("payload", ["", "a b", "x" * 65, "a_1&b=2", "ü"])
def test_invalid_payloads_are_refused(payload: str) -> None:
    with pytest.raises(ValueError):
        deep_link("NewsDigestBot", payload)


@pytest.mark.parametrize("username", ["", "ab", "bad name", "x" * 40, "bot?start=x"])
def test_invalid_usernames_are_refused(username: str) -> None:
    with pytest.raises(ValueError):
        deep_link(username, "a_1")


@pytest.mark.parametrize("payload", ["", "hello", "a_", "a_x", "t_", "t_a b", "a_-1"])
def test_foreign_payloads_decode_to_none(payload: str) -> None:
    assert parse_payload(payload) is None
