"""/settings: a chat's language, summary length and algorithm, changed with buttons.

Settings live in the chat's row (`chats.settings`), so they survive restarts and apply to
`/summary`, `/digest`, scheduled digests and shared summaries alike. In groups only
administrators may change them; everyone may look. The language is set on the chat's
first contact from the user's Telegram app (`digests.chatprefs.first_contact`).
"""

from __future__ import annotations

import asyncio
import dataclasses

from telegram import InlineKeyboardMarkup, Update

from bot.context import Context, get_services
from bot.jobs import engine_of
from bot.permissions import is_admin
from bot.render.settings import SETTINGS_PREFIX as PREFIX
from bot.render.settings import render_settings
from bot.replies import reply_pieces
from bot.services import BotServices
from digests.chatprefs import SummaryPrefs, first_contact, language_settings
from digests.chatprefs import load_prefs as load_chat_prefs
from digests.i18n import Translator, translator
from digests.language import ALL_LANGUAGES, CHAT_LANGUAGES, language_from_code
from digests.store.chats import ChatRepository
from digests.summarize import algorithm_names

LENGTHS = ("3", "5", "8", "20%")


def load_prefs(services: BotServices, chat_id: int) -> SummaryPrefs:
    """The chat's stored choices, ignoring values that are no longer valid."""
    return load_chat_prefs(ChatRepository(engine_of(services)), chat_id)


async def prefs_for(update: Update, context: Context) -> SummaryPrefs:
    """The current chat's choices; on the first contact, its language from the user's app.

    Outside any chat (inline queries) the user's private chat with the bot holds their
    choices, and a user who never opened one gets their app's language.
    """
    chat, user = update.effective_chat, update.effective_user
    code = user.language_code if user is not None else None
    repo = ChatRepository(engine_of(get_services(context)))
    if chat is None:
        if user is None:
            return SummaryPrefs()
        prefs = await asyncio.to_thread(load_chat_prefs, repo, user.id)
        if prefs.language is None:
            language = language_from_code(code)
            return dataclasses.replace(prefs, language=language, interface=language)
        return prefs
    if user is None or user.is_bot:  # channel posts: the chat's stored choices only
        return await asyncio.to_thread(load_chat_prefs, repo, chat.id)
    return await asyncio.to_thread(first_contact, repo, chat.id, chat.type, code,
                                   title=chat.title, username=chat.username)


async def texts_for(update: Update, context: Context) -> Translator:
    """The translator of the chat's interface language."""
    return translator((await prefs_for(update, context)).interface)


def _render(services: BotServices, prefs: SummaryPrefs) -> tuple[str, InlineKeyboardMarkup]:
    defaults = services.settings
    return render_settings(prefs.length or defaults.summary_length,
                           prefs.algorithm or defaults.summary_algorithm,
                           LENGTHS, algorithm_names(), language=prefs.language,
                           languages=CHAT_LANGUAGES, t=translator(prefs.interface))


async def settings(update: Update, context: Context) -> None:
    """Show the chat's settings with buttons to change them."""
    services = get_services(context)
    text, keyboard = _render(services, await prefs_for(update, context))
    await reply_pieces(update, [text], keyboard)


def _valid(kind: str, value: str) -> bool:
    return ((kind == "len" and value in LENGTHS) or (kind == "alg" and value in algorithm_names())
            or (kind == "lang" and value in (*CHAT_LANGUAGES, ALL_LANGUAGES)))


async def settings_button(update: Update, context: Context) -> None:
    """Apply a settings button press, after checking the presser may change the chat."""
    query = update.callback_query
    if query is None or query.data is None or query.message is None:
        return
    kind, _, value = query.data.removeprefix(PREFIX).partition(":")
    chat = update.effective_chat
    t = await texts_for(update, context)
    if not _valid(kind, value) or chat is None:
        await query.answer(t.gettext("That option is no longer available."))
        return
    if chat.type != "private" and (
        query.from_user is None or not await is_admin(context.bot, chat.id, query.from_user.id)
    ):
        await query.answer(t.gettext("Only the group's administrators can change its settings."),
                           show_alert=True)
        return
    services = get_services(context)
    repo = ChatRepository(engine_of(services))
    changes = (language_settings(value) if kind == "lang"
               else {"length" if kind == "len" else "algorithm": value})

    def store() -> SummaryPrefs:
        repo.upsert(chat.id, chat.type, title=chat.title, username=chat.username)
        for key, setting in changes.items():
            repo.set_setting(chat.id, key, setting)
        return load_prefs(services, chat.id)

    prefs = await asyncio.to_thread(store)
    await query.answer(translator(prefs.interface).gettext("Saved."))
    text, keyboard = _render(services, prefs)
    await query.edit_message_text(text, reply_markup=keyboard)
