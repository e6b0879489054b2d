"""A Russian chat's mistyped arguments and its own texts' sources read in Russian.

Through the local Bot API: /subscribe with a time or without a topic is refused with the
core's reason in Russian (it used to be English under a Russian usage line), and a pasted
or forwarded text is credited to "Присланный текст" / "Пересланное сообщение" (stored in
English, as every source is; translated where it is shown).
"""

from __future__ import annotations

import pytest

from bot.errors import user_message
from digests.i18n import InvalidValueError, translator
from digests.timeparse import parse_duration
from tests.bot.conftest import BotWorld

TEXT = "Полевые заметки о птерозавре\n\n" + " ".join(
    f"Мои заметки о раскопках окаменелости птерозавра, день {day} экспедиции." for day in
    range(1, 30))

#: English texts a Russian chat read for its mistyped arguments and its own texts.
ENGLISH_INPUT = ("not a time of day", "use HH:MM", "say which topic", "Pasted text",
                 "Telegram forward", "Telegram message", "not a weekday", "Not a time of day",
                 "Say which topic", "Not a weekday")


def english_input(text: str) -> list[str]:
    """The English texts of `ENGLISH_INPUT` found in `text`."""
    return [phrase for phrase in ENGLISH_INPUT if phrase in text]


async def test_subscribe_refusals_read_in_russian(world: BotWorld) -> None:
    olga = world.server.add_user("Olga", "olga", language_code="ru")
    replies = {
        "/subscribe russia-china 25:00": "Не похоже на время: '25:00'",
        "/subscribe 08:00": "Укажите тему или запрос",
        "/subscribe russia-china 08:00 mon-fry": "'fry' — не день недели (пишите, например, "
                                                 "mon-fri, sat,sun, weekends или daily)",
    }
    for command, russian in replies.items():
        [reply] = await world.say(olga, command, user=olga)
        assert russian in reply.text, (command, reply.text)
        assert "Как использовать" in reply.text
        assert english_input(reply.text) == [], reply.text
        assert "Не знаю часовой пояс" not in reply.text  # "mon-fry" is no time zone


async def test_a_mistyped_weekday_is_named_not_taken_for_a_time_zone(world: BotWorld) -> None:
    [reply] = await world.say(world.alice, "/subscribe russia-china 08:00 mon-fry")
    assert reply.text.startswith("Not a weekday: 'fry' (use e.g. mon-fri, sat,sun, weekends "
                                 "or daily)")
    assert "know the time zone" not in reply.text
    [listing] = await world.say(world.alice, "/subscriptions")
    assert listing.text.startswith("No subscriptions here yet")


async def test_pasted_and_forwarded_texts_are_credited_in_russian(world: BotWorld) -> None:
    olga = world.server.add_user("Olga", "olga", language_code="ru")
    [pasted] = await world.say(olga, TEXT, user=olga)
    assert "Присланный текст" in pasted.text
    mark = world.mark()
    world.server.send_text(olga, olga, TEXT + " Ещё день.", forward_from_user=world.bob)
    [forwarded] = await world.server.wait_for_messages(olga.id, since=mark, timeout=60)
    assert "Пересланное сообщение" in forwarded.text
    for text in (pasted.text, forwarded.text):
        assert english_input(text) == [], text


def test_an_escaped_refusal_is_explained_in_the_chats_language() -> None:
    with pytest.raises(InvalidValueError) as caught:
        parse_duration("3x")
    assert user_message(caught.value, translator("ru")) == \
        "Не похоже на срок: '3x' (например, 90m, 24h, 7d, 2w)"


@pytest.mark.parametrize("link", ["ftp://example.org/news.txt", "file:///etc/passwd",
                                  "javascript://alert(1)"])
async def test_a_link_that_is_no_web_page_is_refused_not_searched(world: BotWorld,
                                                                   link: str) -> None:
    # `/summary ftp://…` searched the stored articles for "ftp" and the path.
    olga = world.server.add_user("Olga", "olga", language_code="ru")
    [reply] = await world.say(olga, f"/summary {link}", user=olga)
    assert reply.text.startswith("Пересказать я могу только веб-страницы")
    [reply] = await world.say(world.alice, f"/summary {link}")
    assert reply.text == ("I can only summarize web pages: links that start with http:// "
                          "or https://.")
