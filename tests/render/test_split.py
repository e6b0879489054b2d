from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.render.html import bold_html, clean, escape, italic_html, link_html, utf16_len
from bot.render.parse import visible_text
from bot.render.split import (
    BLOCK_SEPARATOR,
    MAX_MESSAGE_CHARS,
    cut_ranges,
    first_message,
    split_block,
    split_html,
)
from tests.render.oracle import assert_sendable, rejoins

TRICKY = ["<", ">", "&", '"', "'", " ", "\n", "\n\n", ". ", "。", "\u200f", "\u202e", "😀", "𝔘"]
TRICKY += ["👩‍👩‍👧", "שלום", "مرحبا", "\t", "\u00a0", "a", "b", "word", "x" * 30]
texts = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=8)), max_size=40).map("".join)


@st.composite
def markup(draw: st.DrawFn, depth: int = 2) -> str:
    """Escaped text with nested bold, italic and link tags, as renderers produce."""
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 3))):
        text = escape(draw(texts))
        if depth and draw(st.booleans()):
            wrap = draw(st.sampled_from([bold_html, italic_html, _link]))
            text = wrap(draw(markup(depth - 1)))
        parts.append(text)
    return "".join(parts)


def _link(inner: str) -> str:
    return link_html(inner, 'https://example.org/?q=<&>"')


def _check(blocks: list[str], limit: int) -> None:
    messages = split_html(blocks, limit=limit)
    visible = [assert_sendable(message, limit) for message in messages]
    for text in visible:
        assert text == text.strip()
    originals = [visible_text(block).strip() for block in blocks]
    assert rejoins(BLOCK_SEPARATOR.join(t for t in originals if t), visible)


@settings(max_examples=300)
@given(texts, st.integers(2, 40))
def test_any_escaped_text_splits_into_valid_pieces_that_rejoin(text: str, limit: int) -> None:
    _check([escape(text)], limit)


@settings(max_examples=150, deadline=None)
@given(st.lists(markup(), max_size=4), st.integers(2, 60))
def test_tagged_blocks_split_into_valid_pieces_that_rejoin(blocks: list[str], limit: int) -> None:
    _check(blocks, limit)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.sampled_from(TRICKY), min_size=500, max_size=3000).map("".join))
def test_long_texts_respect_the_real_limit(text: str) -> None:
    _check([escape(text * 3)], MAX_MESSAGE_CHARS)


def test_short_blocks_are_packed_together() -> None:
    assert split_html(["<b>a</b>", "b"]) == ["<b>a</b>\n\nb"]


def test_blank_blocks_are_dropped_and_blocks_trimmed() -> None:
    assert split_html(["  ", "", "\n<b> x </b>\n"]) == ["<b>x</b>"]
    assert split_html([]) == []


def test_prefers_paragraph_then_sentence_then_word_boundaries() -> None:
    paragraphs = "one two three.\n\nfour five. six seven"
    pieces = [p for p, _ in split_block(paragraphs, limit=20)]
    assert pieces == ["one two three.", "four five. six seven"]
    sentences = "one two three. four five six"
    assert [p for p, _ in split_block(sentences, limit=20)] == ["one two three.", "four five six"]
    early = "one. two three four five six"  # a sentence end in the first half is too early
    assert [p for p, _ in split_block(early, limit=20)] == ["one. two three four", "five six"]
    assert [p for p, _ in split_block("alpha beta gamma", limit=12)] == ["alpha beta", "gamma"]


def test_a_word_longer_than_the_limit_is_cut_between_code_points() -> None:
    word = "😀" * 5
    pieces = [p for p, _ in split_block(word, limit=3)]
    assert pieces == ["😀", "😀", "😀", "😀", "😀"]


def test_entities_are_never_cut() -> None:
    pieces = [p for p, _ in split_block("&amp;" * 10, limit=3)]
    assert pieces == ["&amp;&amp;&amp;"] * 3 + ["&amp;"]


def test_tags_open_across_a_cut_are_closed_and_reopened() -> None:
    html = '<b>bold <a href="https://x.org">linked words here</a> tail</b>'
    pieces = [p for p, _ in split_block(html, limit=12)]
    assert pieces == [
        '<b>bold <a href="https://x.org">linked</a></b>',
        '<b><a href="https://x.org">words here</a></b>',
        "<b>tail</b>",
    ]


def test_cut_ranges_measure_utf16() -> None:
    assert cut_ranges("😀😀 😀", 4) == [(0, 2), (3, 4)]


def test_first_message_marks_what_was_left_out() -> None:
    message = first_message(["x" * 3000, "y" * 3000])
    assert message == "x" * 3000 + "\n…"
    assert utf16_len(visible_text(first_message(["z" * 9000]))) <= MAX_MESSAGE_CHARS


def test_4096_character_message_of_hostile_input_fits() -> None:
    hostile = clean("<script>&amp;\u200f😀 " * 600)
    messages = split_html([escape(hostile)])
    assert len(messages) > 1
    assert all(assert_sendable(m) for m in messages)
