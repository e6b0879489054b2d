"""The one-message inline renderer: fits 4096, keeps the footer, valid HTML, short ids."""

from __future__ import annotations

from bot.botapi.markup import check_inline_keyboard
from bot.render.html import utf16_len
from bot.render.inline import (
    article_result_id,
    digest_message,
    digest_result,
    summary_message,
    summary_result,
    topic_result_id,
)
from bot.render.parse import is_valid, visible_text
from bot.render.split import MAX_MESSAGE_CHARS
from digests.models import Story
from tests.render.conftest import (
    HOSTILE_TITLE,
    LONGEST_ID,
    make_article,
    make_digest,
    make_summary,
)

LONGEST_TOPIC = "-".join(["geopolitics"] * 5) + "-abcd"
LINK = "https://t.me/newsdigest_bot?start=a_42"


def test_result_ids_stay_within_64_bytes() -> None:
    assert len(LONGEST_TOPIC) == 64
    assert article_result_id(LONGEST_ID) == f"a{LONGEST_ID}"
    assert len(article_result_id(LONGEST_ID).encode()) <= 64
    assert topic_result_id("russia-china") == "t_russia-china"
    assert 1 <= len(topic_result_id(LONGEST_TOPIC).encode()) <= 64


def test_a_huge_summary_is_cut_to_one_message_keeping_the_link() -> None:
    sentences = tuple(f"Sentence {i} {HOSTILE_TITLE} " + "word " * 40 for i in range(60))
    text = summary_message(make_article(title=HOSTILE_TITLE * 20),
                           make_summary(sentences=sentences), link_to_bot=LINK)
    assert is_valid(text)
    visible = visible_text(text)
    assert utf16_len(visible) <= MAX_MESSAGE_CHARS
    assert visible.endswith("Open in the bot")
    assert LINK in text


def test_a_short_summary_is_whole() -> None:
    text = summary_message(make_article(), make_summary(), link_to_bot=None)
    assert "An apartment building collapsed." in visible_text(text)
    assert "2 of 31 sentences" in visible_text(text)


def test_a_long_digest_keeps_whole_stories_and_its_footer() -> None:
    story = Story(lead=make_article(title=HOSTILE_TITLE),
                  summary=make_summary(sentences=("Long sentence " * 60,) * 3))
    digest = make_digest(stories=(story,) * 12, topic=LONGEST_TOPIC, title=HOSTILE_TITLE)
    text = digest_message(digest, bot_username="newsdigest_bot")
    assert is_valid(text)
    assert utf16_len(visible_text(text)) <= MAX_MESSAGE_CHARS
    assert "Open this topic in the bot" in visible_text(text)


def test_results_carry_valid_keyboards_for_the_longest_ids() -> None:
    article = make_article(id=LONGEST_ID, title=HOSTILE_TITLE)
    result = summary_result(article, make_summary(article_id=LONGEST_ID),
                            bot_username="newsdigest_bot").to_dict()
    check_inline_keyboard(result["reply_markup"])
    assert "\n" not in result["description"]
    digest = make_digest(topic=LONGEST_TOPIC)
    result = digest_result(digest, LONGEST_TOPIC, bot_username="newsdigest_bot").to_dict()
    check_inline_keyboard(result["reply_markup"])
    assert result["id"] == topic_result_id(LONGEST_TOPIC)
    empty = digest_result(make_digest(), "russia-china", bot_username=None).to_dict()
    assert is_valid(empty["input_message_content"]["message_text"])
