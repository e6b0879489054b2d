"""A chat's language in the real bot: from the user's app on first contact, language first."""

from __future__ import annotations

import re

from digests.chatprefs import load_prefs
from digests.store.chats import ChatRepository
from tests.bot.conftest import BotWorld

CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def _stored_language(world: BotWorld, chat_id: int) -> str | None:
    engine = world.services.news.store.engine  # type: ignore[attr-defined]
    return load_prefs(ChatRepository(engine), chat_id).language


async def test_first_contact_takes_the_language_of_the_users_app(world: BotWorld) -> None:
    olga = world.server.add_user("Olga", "olga", language_code="ru-RU")
    kofi = world.server.add_user("Kofi", "kofi", language_code="fr")
    nobody = world.server.add_user("Nemo", "nemo", language_code=None)
    for user in (olga, kofi, nobody):
        await world.say(user, "/digest russia-china 100000d", user=user)
    assert _stored_language(world, olga.id) == "ru"
    assert _stored_language(world, kofi.id) == "en"
    assert _stored_language(world, nobody.id) == "en"


async def test_the_stored_language_is_kept_when_the_app_changes(world: BotWorld) -> None:
    olga = world.server.add_user("Olga", "olga", language_code="ru")
    await world.say(olga, "/summary russia china", user=olga)
    olga.language_code = "en"
    await world.say(olga, "/summary russia china", user=olga)
    assert _stored_language(world, olga.id) == "ru"


async def test_digest_leads_with_the_chat_language(world: BotWorld) -> None:
    olga = world.server.add_user("Olga", "olga", language_code="ru")
    ru = await world.say(olga, "/digest russia-china 100000d", user=olga)
    en = await world.say(world.alice, "/digest russia-china 100000d")
    first_story = re.compile(r"^1\. (.*)$", re.MULTILINE)
    assert CYRILLIC.search(first_story.search(ru[0].text).group(1))  # type: ignore[union-attr]
    assert not CYRILLIC.search(first_story.search(en[0].text).group(1))  # type: ignore[union-attr]
    key_points = en[0].text.split("\n\n")[1]
    assert not CYRILLIC.search(key_points), key_points


async def test_summary_and_search_pick_the_chat_language(world: BotWorld) -> None:
    olga = world.server.add_user("Olga", "olga", language_code="ru")
    [reply] = await world.say(olga, "/summary russia china", user=olga)
    assert CYRILLIC.search(reply.text.splitlines()[0])
    [results] = await world.say(olga, "/search russia-china", user=olga)
    assert CYRILLIC.search(results.text.split("\n\n")[1])


async def test_inline_results_put_the_users_language_first(world: BotWorld) -> None:
    olga = world.server.add_user("Olga", "olga", language_code="ru")
    for user, russian in ((olga, True), (world.alice, False)):
        sent = world.server.inline_query(user, "russia-china")
        answer = await world.server.wait_for_inline_answer(sent["id"], timeout=30)
        assert answer["is_personal"] is True  # Telegram must not share one language's page
        digest, first = answer["results"][0], answer["results"][1]
        assert digest["id"] == "t_russia-china"
        assert bool(CYRILLIC.search(first["title"])) is russian, first["title"]
        assert ("Дайджест" in digest["title"]) is russian
