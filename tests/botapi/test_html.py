"""Telegram's HTML parse mode."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.botapi.errors import ApiError
from bot.botapi.html import parse_html
from bot.botapi.text import detect_entities, entity_text, utf16_len


def test_entities_and_escapes() -> None:
    text, entities = parse_html(
        '<b>bold</b> &lt;x&gt; &amp; &quot; &#65;&#x42; AT&T <a href="https://e.x/?a=1&amp;b=2">link</a>'
    )
    assert text == 'bold <x> & " AB AT&T link'
    assert entities == [
        {"type": "bold", "offset": 0, "length": 4},
        {"type": "text_link", "url": "https://e.x/?a=1&b=2", "offset": 21, "length": 4},
    ]


def test_all_supported_tags() -> None:
    source = (
        "<strong>a</strong><em>b</em><ins>c</ins><u>d</u><s>e</s><strike>f</strike><del>g</del>"
        '<span class="tg-spoiler">h</span><tg-spoiler>i</tg-spoiler><code>j</code>'
        '<pre><code class="language-python">k</code></pre><blockquote expandable>l</blockquote>'
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
    )
    text, entities = parse_html(source)
    assert text == "abcdefghijkl👍"
    kinds = [e["type"] for e in entities]
    assert kinds == [
        "bold",
        "italic",
        "underline",
        "underline",
        "strikethrough",
        "strikethrough",
        "strikethrough",
        "spoiler",
        "spoiler",
        "code",
        "pre",
        "expandable_blockquote",
        "custom_emoji",
    ]
    assert entities[10]["language"] == "python"


def test_a_numeric_entity_needs_ascii_digits() -> None:
    assert parse_html("&#65; &#٦٥;")[0] == "A &#٦٥;"


@pytest.mark.parametrize(
    "source",
    ["a < b", "<script>x</script>", "<b>open", "<b><i>x</b></i>", "x</b>", "<span>x</span>", "<b",
     '<tg-emoji emoji-id="²">👍</tg-emoji>', '<tg-emoji emoji-id="５３">👍</tg-emoji>'],
)
def test_rejections(source: str) -> None:
    with pytest.raises(ApiError) as caught:
        parse_html(source)
    assert caught.value.code == 400
    assert caught.value.description.startswith("Bad Request: can't parse entities: ")


def test_offsets_are_utf16() -> None:
    text, entities = parse_html("😀 <b>x</b>")
    assert entities == [{"type": "bold", "offset": 3, "length": 1}]
    assert utf16_len(text) == 4


@given(st.text())
def test_escaped_text_round_trips(raw: str) -> None:
    escaped = raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert parse_html(escaped) == (raw, [])


def test_detect_entities() -> None:
    text = "/summary@newsdigest_bot see https://x.org/a, @alice #news 😀 /help"
    found = {(e["type"], entity_text(text, e)) for e in detect_entities(text)}
    assert found == {
        ("bot_command", "/summary@newsdigest_bot"),
        ("url", "https://x.org/a"),
        ("mention", "@alice"),
        ("hashtag", "#news"),
        ("bot_command", "/help"),
    }
