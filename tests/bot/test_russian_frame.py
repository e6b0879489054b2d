"""What a Russian chat reads: no English left in the frame of the main outputs.

Articles keep their own language (an English story is tagged EN); everything the bot
writes around them (titles of topics, labels, credit lines, counts, subscription replies)
comes from the catalogs. The list is of English UI texts that leaked before.
"""

from __future__ import annotations

import re

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from cli.main import run
from tests.bot.conftest import BotWorld
from tests.conftest import SEEDS

ENGLISH_UI = ("Russia–China relations", "official state communication", "Also reported by",
              "date unknown", "sentences", "Subscribed to", "daily", "next ", "more from",
              "Key points", "matching article", "Generated", "Open this topic", "to change it",
              "Topics", "Space flight", "stories", "Headline only")


def leftovers(text: str) -> list[str]:
    """English UI texts found in `text`, outside the articles' own English titles and lines."""
    return [phrase for phrase in ENGLISH_UI if phrase in text]


async def test_a_russian_chat_reads_no_english_frame(world: BotWorld) -> None:
    olga = world.server.add_user("Olga", "olga", language_code="ru")
    mark = world.mark()
    world.server.send_text(olga, olga, "/digest russia-china 100000d")
    digest = "\n".join(m.text for m in await world.wait_for_digest(olga.id, mark))
    assert "Отношения России и Китая" in digest
    assert "официальное сообщение государства" in digest
    [summary] = await world.say(olga, "/summary russia china", user=olga)
    [topics] = await world.say(olga, "/topics", user=olga)
    assert "Космос" in topics.text
    [subscribed] = await world.say(olga, "/subscribe russia-china 08:00", user=olga)
    assert "ежедневно в 08:00" in subscribed.text
    for shown in (digest, summary.text, topics.text, subscribed.text):
        assert leftovers(shown) == [], shown


#: English texts of the management commands that a Russian chat used to read.
ENGLISH_MANAGEMENT = ("Subscriptions", "daily at", "skip if empty", "🕗 Time", "Pause",
                      "Resume", "📰 Now", "∅ Empty", "paused by you", "No subscription",
                      "Unsubscribed", "time zone", "Time zone", "Change it", "I don't know",
                      "Did you mean",
                      "Use an IANA", "Usage", "Done", "No subscriptions here")


def english_management(text: str) -> list[str]:
    """English management texts in `text` (topic names and zone names are no UI text)."""
    return [phrase for phrase in ENGLISH_MANAGEMENT if phrase in text]


async def test_a_russian_chat_manages_subscriptions_in_russian(world: BotWorld) -> None:
    olga = world.server.add_user("Olga", "olga", language_code="ru")
    await world.say(olga, "/subscribe russia-china 08:00", user=olga)
    [listing] = await world.say(olga, "/subscriptions", user=olga)
    buttons = " ".join(b["text"] for b in listing.buttons)
    assert "Подписки" in listing.text
    assert "пропускать, если пусто" in listing.text
    assert "Пауза" in buttons
    assert "Время" in buttons
    data = next(b["callback_data"] for b in listing.buttons if "Пауза" in b["text"])
    edits = listing.edits
    query = world.server.press_button(listing, data, olga)
    answer = await world.server.wait_for_callback_answer(query["id"], timeout=30)
    paused = await world.server.wait_until(
        lambda: listing if listing.edits > edits else None, 30)
    assert answer.get("text") == "Готово."
    assert "приостановлено вами" in paused.text
    assert "Продолжить" in " ".join(b["text"] for b in paused.buttons)
    replies = {
        "/timezone": "Часовой пояс",
        "/timezone Berln": "Может быть",
        "/timezone Nowhere": "Не знаю часовой пояс",
        "/timezone Tokyo": "Часовой пояс изменён",
        "/unsubscribe nothing-here": "Здесь нет подписки",
        "/unsubscribe": "Как использовать",
        "/unsubscribe russia-china": "отменена",
        "/subscriptions": "Подписок здесь пока нет",
        "/subscribe": "Как использовать",
    }
    shown = [listing.text, buttons, paused.text,
             " ".join(b["text"] for b in paused.buttons)]
    for command, russian in replies.items():
        [reply] = await world.say(olga, command, user=olga)
        assert russian in reply.text, (command, reply.text)
        shown.append(reply.text)
    for text in shown:
        assert english_management(text) == [], text


def test_the_cli_reads_russian_with_lang_ru(tmp_path: object, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "200")
    assert run(["ingest", str(SEEDS)]) == 0
    capsys.readouterr()
    assert run(["digest", "russia-china", "--since", "100000d", "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    assert "Отношения России и Китая" in out
    assert re.search(r"\d+ из \d+ предложени", out)
    # English stories come after the Russian ones, tagged; their own text stays English.
    frame = "\n".join(line for line in out.splitlines()
                      if not line.startswith("  ") and "[EN]" not in line)
    assert leftovers(frame) == [], frame
    for phrase in ("Also reported by", "matching article", "more from", "date unknown",
                   "Key points", "official state communication"):
        assert phrase not in out  # indented frame lines too
    assert not re.search(r"\d+ of \d+ sentences", out)


#: English texts of the rest of the bot's replies that a Russian chat used to read.
ENGLISH_REST = ("Send me", "I couldn't", "Article ", "no article", "unknown topic", "No article",
                "Unknown topic",
                "Known topics", "lists the named topics", "the query has", "Hi!", "Admins can",
                "<topic>", "anyone can ask", "no articles match")


async def test_a_russian_chat_reads_the_rest_in_russian(world: BotWorld) -> None:
    olga = world.server.add_user("Olga", "olga", language_code="ru")
    replies = {
        "hello": "Пришлите текст подлиннее",
        "/article 999999999": "Нет статьи с номером 999999999",
        "/subscribe russia-chna 08:00": "Неизвестная тема",
        "/subscribe ( 08:00": "Список тем — /topics.",
    }
    shown = []
    for command, russian in replies.items():
        said = await world.say(olga, command, user=olga)
        text = "\n".join(m.text for m in said)
        assert russian in text, (command, text)
        shown.append(text)
    mark = world.mark()
    world.server.send_text(olga, olga, "/article 1")
    article = await world.server.wait_until(lambda: next(
        (m for m in world.server.records.sent[mark:] if "Статья 1" in m.text), None), 60)
    shown.append(article.text)
    team = world.server.add_chat("supergroup", "Команда", owner=olga)
    world.server.set_bot_membership(team, "member", olga)
    [hello] = await world.server.wait_for_messages(team.id)
    assert "Привет! Администраторы могут подписать эту группу" in hello.text
    assert "<тема>" in hello.text
    for text in (*shown, hello.text):
        assert [phrase for phrase in ENGLISH_REST if phrase in text] == [], text


async def test_a_button_of_an_old_version_is_answered_in_the_chats_language(
        world: BotWorld) -> None:
    olga = world.server.add_user("Olga", "olga", language_code="ru")
    await world.say(olga, "/topics", user=olga)  # the chat's language is set on first contact
    old = InlineKeyboardMarkup([[InlineKeyboardButton("old", callback_data="v0:gone")]])
    sent = await world.app.bot.send_message(olga.id, "An old message", reply_markup=old)
    [stored] = [m for m in world.server.sent_messages(olga.id) if m.message_id == sent.message_id]
    query = world.server.press_button(stored, "v0:gone", olga)
    answer = await world.server.wait_for_callback_answer(query["id"], timeout=30)
    assert answer.get("text") == "Эта кнопка больше не работает."


async def test_a_source_without_a_name_is_called_source_in_the_chats_language(
        world: BotWorld) -> None:
    from digests.ingest import ingest_draft
    from digests.models import ArticleDraft

    text = " ".join(f"The harbour crane number {i} was repaired and moved cargo again today."
                    for i in range(12))
    draft = ArticleDraft(title="Harbour cranes repaired", text=text, source="",
                         url="https://example.org/cranes")
    added = ingest_draft(world.services.news.store, draft, world.services.settings)
    assert added.article_id is not None
    olga = world.server.add_user("Olga", "olga", language_code="ru")
    [summary] = await world.say(olga, f"/start a_{added.article_id}", user=olga)
    assert "\nисточник · дата неизвестна" in summary.text
    assert "source" not in summary.text
    [english] = await world.say(world.alice, f"/start a_{added.article_id}")
    assert "\nsource · date unknown" in english.text


async def test_the_cores_default_source_names_read_in_the_chats_language(
        world: BotWorld) -> None:
    text = " ".join(f"The harbour crane number {i} was repaired and moved cargo again today."
                    for i in range(12))
    added = world.services.news.ingest_text(text, source="", title="Harbour cranes repaired")
    assert added.article_id is not None
    assert world.services.news.store.get_article(added.article_id).source == "local"
    olga = world.server.add_user("Olga", "olga", language_code="ru")
    [summary] = await world.say(olga, f"/start a_{added.article_id}", user=olga)
    assert "\nлокальный файл · дата неизвестна" in summary.text
    assert "local" not in summary.text


async def test_a_channel_subscribed_from_a_russian_chat_gets_russian_digests(
        world: BotWorld) -> None:
    from datetime import timedelta

    from tests.bot.test_subscriptions import delivery_service, next_run, run_job

    olga = world.server.add_user("Olga", "olga", language_code="ru")
    channel = world.server.add_chat("channel", "Wire", username="wire", owner=olga)
    await world.say(olga, "/subscribe @wire russia-china 08:00", user=olga)
    when = next_run(world.services, channel.id)
    delivery_service(world.app, lambda: when + timedelta(seconds=20))
    await run_job(world.app)
    pushed = "\n".join(m.text for m in world.server.sent_messages(channel.id))
    # A channel has no first contact: it used to get English digests ("Generated", "Key
    # points") although its admin subscribed it in Russian.
    assert "Отношения России и Китая" in pushed
    assert "Составлено" in pushed
    assert leftovers(pushed) == [], pushed
