"""The Russian interface end to end, and choosing the language with /settings buttons."""

from __future__ import annotations

import re

from tests.bot.conftest import BotWorld

CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def _button(buttons: list[dict[str, str]], data: str) -> str:
    return next(b["callback_data"] for b in buttons if b.get("callback_data") == data)


async def test_a_russian_user_gets_the_russian_interface(world: BotWorld) -> None:
    olga = world.server.add_user("Olga", "olga", language_code="ru-RU")
    [welcome] = await world.say(olga, "/start", user=olga)
    assert "Что я умею" in welcome.text
    assert "Пересказ темы, запроса, ссылки или статьи" in welcome.text
    [menu] = await world.say(olga, "/settings", user=olga)
    assert "Настройки" in menu.text
    assert "Язык: Русский" in menu.text
    [summary] = await world.say(olga, "/summary russia china", user=olga)
    assert re.search(r"\d+ из \d+ предложени", summary.text)
    [unknown] = await world.say(olga, "/nonsense", user=olga)
    assert unknown.text.startswith("Я не знаю такой команды")
    [first] = await world.say(olga, "/digest russia-china 100000d", user=olga)
    assert "Главное" in first.text
    assert re.search(r"\d+ (сюжет|сюжета|сюжетов)\b", first.text)


async def test_settings_buttons_switch_language_and_interface(world: BotWorld) -> None:
    [menu] = await world.say(world.alice, "/settings")
    assert "Language: English" in menu.text
    labels = [b["text"] for b in menu.buttons]
    assert {"• English", "Русский", "All languages"} <= set(labels)
    query = world.server.press_button(menu, _button(menu.buttons, "st:lang:ru"), world.alice)
    answer = await world.server.wait_for_callback_answer(query["id"], timeout=30)
    assert answer.get("text") == "Сохранено."
    edited = await world.server.wait_until(lambda: menu if menu.edits else None, timeout=30)
    assert "Язык: Русский" in edited.text
    pieces = await world.say(world.alice, "/digest russia-china 100000d")
    first_story = re.search(r"^1\. (.*)$", pieces[0].text, re.MULTILINE)
    assert first_story is not None
    assert CYRILLIC.search(first_story.group(1))
    assert "Главное" in pieces[0].text


async def test_all_languages_keeps_the_interface_and_tags_other_languages(
        world: BotWorld) -> None:
    [menu] = await world.say(world.alice, "/settings")
    query = world.server.press_button(menu, _button(menu.buttons, "st:lang:all"), world.alice)
    await world.server.wait_for_callback_answer(query["id"], timeout=30)
    edited = await world.server.wait_until(lambda: menu if menu.edits else None, timeout=30)
    assert "Language: All languages" in edited.text
    pieces = await world.say(world.alice, "/digest russia-china 100000d")
    text = "\n".join(p.text for p in pieces)
    assert "Key points" in text
    assert re.search(r"^\d\. .* RU$", text, re.MULTILINE)  # a Russian story, tagged
