from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.render.html import clean, escape, is_http_url, link, shorten, utf16_len
from bot.render.parse import visible_text
from tests.render.conftest import HOSTILE_TITLE


def test_escape_hostile_title_round_trips_as_visible_text() -> None:
    escaped = escape(HOSTILE_TITLE)
    for raw in ("<", ">", '"'):
        assert raw not in escaped
    for entity in ("&amp;T", "&lt;script&gt;", "&quot;x&quot;"):
        assert entity in escaped
    assert visible_text(escaped) == HOSTILE_TITLE


@given(st.text())
def test_escape_is_always_valid_and_shows_the_cleaned_text(text: str) -> None:
    assert visible_text(escape(text)) == clean(text)


def test_clean_drops_controls_and_lone_surrogates_but_keeps_newlines_tabs_rtl() -> None:
    assert clean("a\x00b\r\nc\td\u200f\ud800") == "ab\nc\td\u200f\ufffd"


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=1&c=2", True),
        ("http://example.org", True),
        ("HTTPS://EXAMPLE.ORG/", True),
        ("javascript:alert(1)", False),
        ("tg://resolve?domain=x", False),
        ("/relative/path", False),
        ("https://", False),
        ('https://example.org/"onmouseover=', False),
        ("https://exa mple.org", False),
        ("", False),
        (None, False),
    ],
)
def test_is_http_url(url: str | None, ok: bool) -> None:
    assert is_http_url(url) is ok


def test_link_escapes_href_quotes_and_ampersands() -> None:
    html = link("<T&C>", "https://example.org/?a=1&b='x'")
    assert html == "<a href=\"https://example.org/?a=1&amp;b='x'\">&lt;T&amp;C&gt;</a>"
    assert visible_text(html) == "<T&C>"


def test_link_to_a_non_http_url_is_plain_text() -> None:
    assert link("click", "javascript:alert(1)") == "click"


def test_utf16_len_counts_astral_characters_twice() -> None:
    assert utf16_len("a") == 1
    assert utf16_len("😀") == 2
    assert utf16_len("\u200fשלום") == 5
    assert utf16_len("👩‍👩‍👧") == 8  # three astral emoji and two joiners


def test_shorten_cuts_at_a_word_and_marks_it() -> None:
    assert shorten("one two three four", 12) == "one two…"
    assert shorten("short", 10) == "short"
    assert len(shorten("x" * 5000, 100)) == 100
