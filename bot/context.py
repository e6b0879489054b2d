"""The one typed accessor from a handler's context to the bot's services."""

from __future__ import annotations

from typing import Any

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from bot.services import BotData, BotServices

Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]
CONTEXT_TYPES = ContextTypes(bot_data=BotData)


def get_services(context: Context) -> BotServices:
    """The services built at start-up."""
    return context.bot_data.services
