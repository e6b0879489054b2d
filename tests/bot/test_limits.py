"""A plain reply always fits one message (`bot.limits.fit_message`), by the server's own rule.

No bot here: the reply's text is held against `bot.botapi.validate.render_text`, the rule our
local Bot API applies to every message the bot sends ("message is too long" past 4096 UTF-16
units), so the product and the server are checked against each other, not against a number.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.botapi.errors import ApiError
from bot.botapi.validate import render_text
from bot.limits import fit_message


def accepted(text: str) -> bool:
    """Whether the local Bot API would send `text` as a plain message, by its length."""
    try:
        render_text(text, None, None)
    except ApiError as error:
        if error.description != "Bad Request: message is too long":
            raise  # the texts here are never blank: a refusal is about length
        return False
    return True


@pytest.mark.parametrize("char", ["a", "я", "中"])
def test_a_reply_of_exactly_one_message_is_sent_whole(char: str) -> None:
    text = char * 4096
    assert accepted(text)
    assert fit_message(text) == text


@pytest.mark.parametrize("char", ["a", "я", "中"])
def test_a_reply_one_character_too_long_ends_in_an_ellipsis_at_the_limit(char: str) -> None:
    text = char * 4097
    assert not accepted(text)
    assert fit_message(text) == char * 4095 + "…"
    assert accepted(fit_message(text))


def test_a_short_reply_is_untouched() -> None:
    assert fit_message("No digest yet: /subscribe to a topic.") == (
        "No digest yet: /subscribe to a topic.")


def test_emoji_count_two_units_and_a_long_reply_of_them_is_cut_between_them() -> None:
    # 2048 emoji are 4096 units, a whole message; one more and the text is cut to 2047
    # emoji (4094 units) and "…": a 2048th emoji would need units 4095-4096, one too many.
    assert fit_message("😀" * 2048) == "😀" * 2048
    cut = fit_message("😀" * 2049)
    assert cut == "😀" * 2047 + "…"
    assert accepted(cut)


def test_an_emoji_astride_the_cut_is_dropped_whole() -> None:
    cut = fit_message("a" * 4094 + "😀" + "b" * 10)
    assert cut == "a" * 4094 + "…"  # no half of the emoji's surrogate pair left behind


# A drawn piece repeated past the limit: mixed widths meet the cut at every offset, cheaply.
@given(st.text(min_size=1, max_size=12).filter(str.strip), st.integers(200, 4200))
@example("я", 4097)
@example("a" * 4095 + "😀", 1)
def test_whatever_the_text_the_reply_is_sent_and_keeps_all_it_can(piece: str, times: int) -> None:
    text = piece * times
    fitted = fit_message(text)
    assert accepted(fitted)
    if accepted(text):
        assert fitted == text
    else:
        kept = fitted.removesuffix("…")
        assert fitted.endswith("…")
        assert text.startswith(kept)
        assert not accepted(text[: len(kept) + 1] + "…")  # not one character more


@pytest.mark.parametrize(("text", "units"), [("abc", 3), ("я", 1), ("😀", 2), ("a\ud800b", 3)])
def test_the_product_and_the_server_count_telegrams_unit_alike(text: str, units: int) -> None:
    # The count lived in three places; one of them raised on a lone surrogate (JSON "\ud800").
    from bot.botapi.text import utf16_len as server_count
    from bot.limits import utf16_units
    from bot.render.html import utf16_len as render_count

    assert utf16_units(text) == render_count(text) == server_count(text) == units
