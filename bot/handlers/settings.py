"""/settings: a chat's language, summary length and algorithm, changed with buttons.

Settings live in the chat's row (`chats.settings`), so they survive restarts and apply to
`/summary`, `/digest`, scheduled digests and shared summaries alike. In groups only
administrators may change them; everyone may look. The language is set on the chat's
first contact from the user's Telegram app (`digests.services.chats.ChatService`).
"""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardMarkup, Update

from bot.context import Context, get_services
from bot.permissions import is_admin
from bot.render.settings import SETTINGS_PREFIX as PREFIX
from bot.render.settings import render_settings
from bot.replies import reply_pieces
from bot.services import BotServices
from digests.i18n import Translator, translator
from digests.language import CHAT_LANGUAGES
from digests.models.subscriptions import ChatInfo
from digests.services.chats import SUMMARY_LENGTHS as LENGTHS
from digests.services.chats import SummaryPrefs
from digests.summarize import algorithm_names

SETTING_OF_BUTTON = {"len": "length", "alg": "algorithm", "lang": "language"}


async def prefs_for(update: Update, context: Context) -> SummaryPrefs:
    """The current chat's choices; on the first contact, its language from the user's app.

    Outside any chat (inline queries) the user's private chat with the bot holds their
    choices, and a user who never opened one gets their app's language.
    """
    chat, user = update.effective_chat, update.effective_user
    code = user.language_code if user is not None else None
    chats = get_services(context).chats
    if chat is None:
        if user is None:
            return SummaryPrefs()
        return await asyncio.to_thread(chats.user_prefs, user.id, code)
    if user is None or user.is_bot:  # channel posts: the chat's stored choices only
        return await asyncio.to_thread(chats.prefs, chat.id)
    return await asyncio.to_thread(chats.first_contact,
                                   ChatInfo(chat.id, chat.type, chat.title, chat.username), code)


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


async def settings_button(update: Update, context: Context) -> None:
    """Apply a settings button press, after checking the presser may change the chat."""
    query = update.callback_query
    if query is None or query.data is None or query.message is None:
        return
    kind, _, value = query.data.removeprefix(PREFIX).partition(":")
    setting = SETTING_OF_BUTTON.get(kind, "")
    chat = update.effective_chat
    t = await texts_for(update, context)
    services = get_services(context)
    if not services.chats.allowed(setting, value) or chat is None:
        await query.answer(t.gettext("That option is no longer available."))
        return
    if chat.type != "private" and (
        query.from_user is None or not await is_admin(context.bot, chat.id, query.from_user.id)
    ):
        await query.answer(t.gettext("Only the group's administrators can change its settings."),
                           show_alert=True)
        return
    prefs = await asyncio.to_thread(services.chats.choose,
                                    ChatInfo(chat.id, chat.type, chat.title, chat.username),
                                    setting, value)
    await query.answer(translator(prefs.interface).gettext("Saved."))
    text, keyboard = _render(services, prefs)
    await query.edit_message_text(text, reply_markup=keyboard)
