"""The state of the local Telegram: who exists, who is in which chat, and every message.

Ids follow Telegram's shapes so code that branches on them behaves as in production: a private
chat's id is the user's id, basic groups are small negative numbers, supergroups and channels are
``-100…``.  Failures a test scripts (blocked, kicked, migrated, deleted) are checked by
:meth:`World.sendable_chat`, the gate every sending method passes.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from typing import Any

from bot.botapi.errors import bad_request, chat_migrated, forbidden
from bot.botapi.models import GROUP_ANONYMOUS_BOT_ID, Chat, Member, StoredMessage, User
from bot.botapi.updates import UpdateQueue

JsonDict = dict[str, Any]


class World:
    """Users, chats, memberships, messages and the update queue.

    Args:
        bot: The bot's own user.
        clock: Wall-clock seconds for message dates; injectable for deterministic tests.
    """

    def __init__(self, bot: User, clock: Callable[[], float] = time.time) -> None:
        self.bot = bot
        self.clock = clock
        self.users: dict[int, User] = {bot.id: bot}
        self.chats: dict[int, Chat] = {}
        self.members: dict[int, dict[int, Member]] = {}
        self.messages: dict[tuple[int, int], StoredMessage] = {}
        self.inline_messages: dict[str, StoredMessage] = {}
        self.privacy_mode = True
        self.updates = UpdateQueue()
        self._user_ids = itertools.count(100001)
        self._group_ids = itertools.count(4000000001)
        self._super_ids = itertools.count(1000000000001)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self.anonymous_bot = User(GROUP_ANONYMOUS_BOT_ID, "Group", "GroupAnonymousBot", True, None)

    def now(self) -> int:
        """Current Unix time for message dates."""
        return int(self.clock())

    def add_user(
        self, first_name: str, username: str | None = None, user_id: int | None = None,
        language_code: str | None = "en",
    ) -> User:
        """Create a user who has started the bot, with their private chat.

        `language_code` is what their Telegram app reports ("ru-RU", or None).
        """
        user = User(user_id or next(self._user_ids), first_name, username,
                    language_code=language_code)
        self.users[user.id] = user
        self.chats[user.id] = Chat(user.id, "private", first_name=first_name, username=username)
        self.members[user.id] = {user.id: Member(user), self.bot.id: Member(self.bot)}
        return user

    def add_chat(
        self,
        kind: str,
        title: str,
        username: str | None = None,
        is_forum: bool = False,
        chat_id: int | None = None,
    ) -> Chat:
        """Create a group, supergroup or channel with the bot as a plain member (admin in channels).

        Args:
            kind: ``"group"``, ``"supergroup"`` or ``"channel"``.
            title: Chat title.
            username: Public username (without ``@``), for ``@username`` addressing.
            is_forum: Whether the supergroup has topics; thread 1 is the General topic.
            chat_id: Explicit id; by default one of Telegram's shape is chosen.
        """
        if kind not in ("group", "supergroup", "channel"):
            raise ValueError(f"unknown chat kind {kind!r}")
        if chat_id is None:
            chat_id = -next(self._group_ids) if kind == "group" else -next(self._super_ids)
        chat = Chat(chat_id, kind, title=title, username=username, is_forum=is_forum)
        if is_forum:
            chat.topics[self.next_message_id(chat_id)] = "General"  # thread 1, like Telegram
        self.chats[chat_id] = chat
        rights = frozenset({"can_post_messages", "can_edit_messages", "can_delete_messages"})
        bot = Member(self.bot, "administrator", rights=rights) if kind == "channel" else None
        self.members[chat_id] = {self.bot.id: bot or Member(self.bot)}
        return chat

    def member(self, chat_id: int, user_id: int) -> Member:
        """The membership of ``user_id`` in ``chat_id`` (``left`` when unknown)."""
        found = self.members.get(chat_id, {}).get(user_id)
        return found or Member(self.users.get(user_id) or User(user_id, "Unknown"), "left")

    def set_member(self, chat_id: int, member: Member) -> Member:
        """Record a membership, returning the previous one (for ``*_chat_member`` updates)."""
        old = self.member(chat_id, member.user.id)
        self.members.setdefault(chat_id, {})[member.user.id] = member
        return old

    def find_chat(self, chat_id: int | str) -> Chat:
        """Resolve a ``chat_id`` parameter (id or ``@username``) or raise "chat not found"."""
        chat: Chat | None = None
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            name = chat_id[1:].lower()
            chat = next(
                (c for c in self.chats.values() if c.username and c.username.lower() == name),
                None,
            )
            if chat is not None and chat.type == "private":
                chat = None
        elif isinstance(chat_id, int) or (isinstance(chat_id, str) and _is_int(chat_id)):
            chat = self.chats.get(int(chat_id))
        if chat is None or chat.failure == "not_found":
            raise bad_request("chat not found")
        return chat

    def sendable_chat(self, chat_id: int | str) -> Chat:
        """Resolve a chat the bot wants to write to, raising the error Telegram would."""
        chat = self.find_chat(chat_id)
        if chat.migrated_to is not None:
            raise chat_migrated(chat.migrated_to)
        if chat.type == "private":
            if chat.failure == "blocked":
                raise forbidden("bot was blocked by the user")
            if chat.failure == "deactivated":
                raise forbidden("user is deactivated")
            return chat
        me = self.member(chat.id, self.bot.id)
        if me.status == "kicked":
            raise forbidden(f"bot was kicked from the {chat.kind} chat")
        if not me.is_present:
            raise forbidden(f"bot is not a member of the {chat.kind} chat")
        if chat.type == "channel" and "can_post_messages" not in me.rights:
            raise bad_request("need administrator rights in the channel chat")
        if me.status == "restricted":
            raise bad_request("not enough rights to send text messages to the chat")
        return chat

    def next_message_id(self, chat_id: int) -> int:
        """Allocate the next message id in a chat (ids are per chat, as in Telegram)."""
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def new_message(
        self,
        chat: Chat,
        sender: User | None,
        text: str | None = None,
        entities: list[JsonDict] | None = None,
        *,
        sender_chat: Chat | None = None,
        thread_id: int | None = None,
        reply_to: StoredMessage | None = None,
        extra: JsonDict | None = None,
    ) -> JsonDict:
        """Build a ``Message`` dict with a fresh id; callers store it with :meth:`store`."""
        data: JsonDict = {
            "message_id": self.next_message_id(chat.id),
            "date": self.now(),
            "chat": chat.to_dict(),
        }
        if sender is not None:
            data["from"] = sender.to_dict()
        if sender_chat is not None:
            data["sender_chat"] = sender_chat.to_dict()
        if chat.is_forum and thread_id is not None:
            data.update(message_thread_id=thread_id, is_topic_message=True)
        if reply_to is not None:
            replied = {k: v for k, v in reply_to.data.items() if k != "reply_to_message"}
            data["reply_to_message"] = replied
        if text is not None:
            data["text"] = text
        if entities:
            data["entities"] = entities
        data.update(extra or {})
        return data

    def store(self, data: JsonDict, **details: Any) -> StoredMessage:
        """Remember a message so it can be replied to, edited, deleted and observed."""
        stored = StoredMessage(data, **details)
        self.messages[(stored.chat_id, stored.message_id)] = stored
        return stored

    def message(self, chat_id: int, message_id: int) -> StoredMessage | None:
        """A stored message, or None."""
        return self.messages.get((chat_id, message_id))


def _is_int(value: str) -> bool:
    try:
        int(value)
    except ValueError:
        return False
    return True
