"""/settings: per-chat summary length and algorithm, admins only in groups."""

from __future__ import annotations

from tests.bot.conftest import BOT_USERNAME, BotWorld


def _button(message_buttons: list[dict[str, str]], data: str) -> str:
    return next(b["callback_data"] for b in message_buttons if b.get("callback_data") == data)


async def test_length_setting_applies_to_summaries(world: BotWorld) -> None:
    [menu] = await world.say(world.alice, "/settings")
    assert "Summary length: 5" in menu.text
    query = world.server.press_button(menu, _button(menu.buttons, "st:len:3"), world.alice)
    await world.server.wait_for_callback_answer(query["id"], timeout=30)
    edited = await world.server.wait_until(lambda: menu if menu.edits else None, timeout=30)
    assert "Summary length: 3" in edited.text
    [reply] = await world.say(world.alice, "/summary 1")
    assert "3 of" in reply.text


async def test_algorithm_setting_is_shown_on_summaries(world: BotWorld) -> None:
    [menu] = await world.say(world.alice, "/settings")
    query = world.server.press_button(menu, _button(menu.buttons, "st:alg:luhn"), world.alice)
    await world.server.wait_for_callback_answer(query["id"], timeout=30)
    [reply] = await world.say(world.alice, "/summary 1")
    assert "luhn" in reply.text


async def test_only_group_admins_change_group_settings(world: BotWorld) -> None:
    [menu] = await world.say(world.group, f"/settings@{BOT_USERNAME}", user=world.bob)
    query = world.server.press_button(menu, _button(menu.buttons, "st:len:8"), world.bob)
    answer = await world.server.wait_for_callback_answer(query["id"], timeout=30)
    assert "administrators" in str(answer.get("text", ""))
    assert menu.edits == 0
    query = world.server.press_button(menu, _button(menu.buttons, "st:len:8"), world.alice)
    await world.server.wait_for_callback_answer(query["id"], timeout=30)
    edited = await world.server.wait_until(lambda: menu if menu.edits else None, timeout=30)
    assert "Summary length: 8" in edited.text


async def test_english_readers_get_an_english_article_first(world: BotWorld) -> None:
    [reply] = await world.say(world.alice, "/summary russia china")
    first_line = reply.text.splitlines()[0]
    assert not any("а" <= ch <= "я" for ch in first_line.lower()), first_line
