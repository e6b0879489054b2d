"""Labels and source balance in the bot: official releases labelled, in the chat's language."""

from __future__ import annotations

import re

from bot.botapi import User
from tests.bot.conftest import BotWorld

OFFICIAL = "official state communication of a party to a war (not independent journalism)"
OFFICIAL_RU = "официальное сообщение государства — участника войны"


async def digest_text(world: BotWorld, user: User, command: str) -> str:
    """Every part of the digest `command` gets in `user`'s private chat, joined."""
    mark = world.mark()
    world.server.send_text(user, user, command)
    return "\n".join(m.text for m in await world.wait_for_digest(user.id, mark))


async def test_digest_labels_official_releases_and_sums_up_a_capped_source(
        world: BotWorld) -> None:
    text = await digest_text(world, world.alice, "/digest russia-china 100000d")
    assert OFFICIAL in text
    assert "CC BY 4.0" in text
    credits = [line for line in text.splitlines() if line.startswith("President of Russia (en")]
    assert len(credits) == 2  # at most 40% of the stories from one source
    assert re.search(r"^\+\d+ more from President of Russia \(en\.kremlin\.ru\)$", text,
                     re.MULTILINE)
    [summary] = await world.say(world.alice, "/summary putin xi telephone conversation")
    assert OFFICIAL in summary.text


async def test_a_russian_chat_reads_the_label_in_russian(world: BotWorld) -> None:
    olga = world.server.add_user("Olga", "olga", language_code="ru")
    text = await digest_text(world, olga, "/digest russia-china 100000d")
    assert OFFICIAL_RU in text
    assert OFFICIAL not in text
    [summary] = await world.say(olga, "/summary russia china", user=olga)
    assert OFFICIAL_RU in summary.text
