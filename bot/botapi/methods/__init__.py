"""The methods this server implements, by their canonical Bot API names."""

from bot.botapi.methods import chats, interactive, messages, session
from bot.botapi.methods.base import Context, Handler, Records

HANDLERS: dict[str, Handler] = {
    **session.HANDLERS,
    **messages.HANDLERS,
    **chats.HANDLERS,
    **interactive.HANDLERS,
}

__all__ = ["HANDLERS", "Context", "Handler", "Records"]
