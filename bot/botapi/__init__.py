"""A local, strict Telegram Bot API server for tests, the sandbox and benchmarks.

Start it, point python-telegram-bot at :attr:`BotApiServer.base_url`, inject what users do and
read what the bot sent::

    async with BotApiServer(token="123:ABC", bot_username="newsdigest_bot") as server:
        alice = server.add_user("Alice")
        server.send_text(alice, alice, "/start")
        [reply] = await server.wait_for_messages(alice.id)
"""

from bot.botapi.errors import ApiError
from bot.botapi.limits import FloodLimiter, FloodPolicy
from bot.botapi.models import GROUP_ANONYMOUS_BOT_ID, Chat, Member, StoredMessage, User
from bot.botapi.observe import RequestRecord
from bot.botapi.server import BotApiServer

__all__ = [
    "GROUP_ANONYMOUS_BOT_ID",
    "ApiError",
    "BotApiServer",
    "Chat",
    "FloodLimiter",
    "FloodPolicy",
    "Member",
    "RequestRecord",
    "StoredMessage",
    "User",
]
