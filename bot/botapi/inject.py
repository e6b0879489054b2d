"""Scripting the world from a test or the sandbox: people talk, press buttons, and things fail.

Every injector builds the update exactly as Telegram would deliver it (entities computed, anonymous
admins sending as the group, privacy mode in groups) and returns the payload it injected, so a test
can refer to the message, callback query or inline query it just created.
"""

from __future__ import annotations

import itertools
from typing import Any

from bot.botapi.methods import Records
from bot.botapi.models import Chat, Member, StoredMessage, User
from bot.botapi.text import detect_entities
from bot.botapi.validate import render_text
from bot.botapi.world import World

JsonDict = dict[str, Any]
ChatRef = Chat | User | int
_ADMIN_DEFAULT = frozenset({"can_manage_chat", "can_delete_messages", "can_pin_messages"})


class Injector:
    """Mixin of :class:`~bot.botapi.server.BotApiServer` that creates users, chats and updates."""

    world: World
    records: Records
    _marks: dict[int, int]
    _query_ids = itertools.count(7000000001)

    def _chat(self, chat: ChatRef) -> Chat:
        chat_id = chat if isinstance(chat, int) else chat.id
        return self.world.chats[chat_id]

    def add_user(
        self, first_name: str, username: str | None = None, user_id: int | None = None,
        language_code: str | None = "en",
    ) -> User:
        """Create a user who has started the bot (their private chat exists)."""
        return self.world.add_user(first_name, username, user_id, language_code)

    def add_chat(
        self,
        kind: str,
        title: str,
        *,
        username: str | None = None,
        is_forum: bool = False,
        members: tuple[User, ...] = (),
        owner: User | None = None,
    ) -> Chat:
        """Create a group, supergroup or channel; the bot is a member (an admin in channels)."""
        chat = self.world.add_chat(kind, title, username, is_forum)
        if owner is not None:
            self.world.set_member(chat.id, Member(owner, "creator"))
        for user in members:
            self.world.set_member(chat.id, Member(user))
        return chat

    def add_topic(self, chat: ChatRef, name: str) -> int:
        """Open a forum topic and return its ``message_thread_id``."""
        forum = self._chat(chat)
        if not forum.is_forum:
            raise ValueError("topics exist only in forum supergroups")
        created = {"forum_topic_created": {"name": name, "icon_color": 7322096}}
        data = self.world.new_message(forum, None, extra=created)
        self.world.store(data)
        forum.topics[data["message_id"]] = name
        return int(data["message_id"])

    def set_member(
        self,
        chat: ChatRef,
        user: User,
        status: str = "member",
        *,
        anonymous: bool = False,
        rights: frozenset[str] = _ADMIN_DEFAULT,
    ) -> None:
        """Set a user's status (e.g. an anonymous administrator) without sending an update."""
        granted = rights if status == "administrator" else frozenset()
        self.world.set_member(self._chat(chat).id, Member(user, status, anonymous, granted))

    def _push_message(self, chat: Chat, data: JsonDict, mentions_bot: bool) -> None:
        kind = "channel_post" if chat.type == "channel" else "message"
        me = self.world.member(chat.id, self.world.bot.id)
        if not me.is_present:
            return
        group = chat.type in ("group", "supergroup")
        if group and self.world.privacy_mode and not me.is_admin and not mentions_bot:
            return
        self._marks[chat.id] = len(self.records.sent)
        self.world.updates.push(kind, data)

    def _addresses_bot(
        self, text: str, entities: list[JsonDict], reply: StoredMessage | None
    ) -> bool:
        name = (self.world.bot.username or "").lower()
        if reply is not None and reply.from_bot:
            return True
        for entity in entities:
            start = entity["offset"]
            word = text[start : start + entity["length"]].lower()
            if entity["type"] == "bot_command" and ("@" not in word or word.endswith("@" + name)):
                return True
            if entity["type"] == "mention" and word == "@" + name:
                return True
        return False

    def send_text(
        self,
        chat: ChatRef,
        user: User | None,
        text: str,
        *,
        reply_to: StoredMessage | JsonDict | None = None,
        forward_from_chat: Chat | None = None,
        forward_from_user: User | None = None,
        thread_id: int | None = None,
        anonymous: bool = False,
    ) -> JsonDict:
        """A user (or an anonymous admin, or nobody in a channel) writes ``text`` in ``chat``.

        Args:
            chat: Target chat; a :class:`User` means their private chat with the bot.
            user: Sender; ignored for channels (posts are signed by the channel).
            text: What was typed; commands, links, mentions and hashtags get entities.
            reply_to: A message being replied to.
            forward_from_chat: Make it a forward of a channel post from this channel.
            forward_from_user: Make it a forward of this user's message.
            thread_id: Forum topic the message is in.
            anonymous: Sent by an anonymous admin: ``from`` is GroupAnonymousBot and
                ``sender_chat`` is the group.

        Returns:
            The ``Message`` dict. In groups under privacy mode the bot only receives it when it
            is addressed to the bot, but it is stored (and returned) either way.
        """
        target = self._chat(chat)
        if target.type == "channel":
            return self.channel_post(target, text)
        sender = self.world.anonymous_bot if anonymous else user
        joining = user is not None and target.type != "private" and not anonymous
        if joining and user and not self.world.member(target.id, user.id).is_present:
            self.world.set_member(target.id, Member(user))
        if thread_id is not None and thread_id not in target.topics:
            raise ValueError(f"no topic {thread_id} in chat {target.id}")
        replied = self._stored(reply_to)
        entities = detect_entities(text)
        extra: JsonDict = {}
        if forward_from_chat is not None:
            extra["forward_origin"] = {
                "type": "channel",
                "chat": forward_from_chat.to_dict(),
                "message_id": self.world.next_message_id(forward_from_chat.id),
                "date": self.world.now(),
            }
        elif forward_from_user is not None:
            origin = {"type": "user", "sender_user": forward_from_user.to_dict()}
            extra["forward_origin"] = {**origin, "date": self.world.now()}
        data = self.world.new_message(
            target,
            sender,
            text,
            entities,
            sender_chat=target if anonymous else None,
            thread_id=thread_id,
            reply_to=replied,
            extra=extra,
        )
        self.world.store(data)
        addressed = target.type == "private" or self._addresses_bot(text, entities, replied)
        self._push_message(target, data, addressed)
        return data

    def _stored(self, message: StoredMessage | JsonDict | None) -> StoredMessage | None:
        if message is None or isinstance(message, StoredMessage):
            return message
        found = self.world.message(int(message["chat"]["id"]), int(message["message_id"]))
        if found is None:
            raise ValueError("unknown message")
        return found

    def channel_post(self, channel: ChatRef, text: str) -> JsonDict:
        """The channel publishes ``text``; the bot gets ``channel_post`` if it is a member."""
        chat = self._chat(channel)
        entities = detect_entities(text)
        data = self.world.new_message(chat, None, text, entities, sender_chat=chat)
        self.world.store(data)
        self._push_message(chat, data, True)
        return data

    def edit_text(self, message: StoredMessage | JsonDict, text: str) -> JsonDict:
        """Edit a user's message or a channel post (``edited_message``/``edited_channel_post``)."""
        stored = self._stored(message)
        assert stored is not None
        stored.data.update(text=text, edit_date=self.world.now())
        stored.data.pop("entities", None)
        if entities := detect_entities(text):
            stored.data["entities"] = entities
        channel = stored.data["chat"]["type"] == "channel"
        kind = "edited_channel_post" if channel else "edited_message"
        self.world.updates.push(kind, dict(stored.data))
        return stored.data

    def edit_channel_post(self, message: StoredMessage | JsonDict, text: str) -> JsonDict:
        """Alias of :meth:`edit_text` for channel posts."""
        return self.edit_text(message, text)

    def press_button(self, message: StoredMessage | JsonDict, data: str, user: User) -> JsonDict:
        """``user`` presses the inline button carrying ``data`` on one of the bot's messages.

        Raises:
            ValueError: When the message has no such button (a test bug, not a Telegram error).
        """
        stored = self._stored(message)
        assert stored is not None
        if not any(b.get("callback_data") == data for b in stored.buttons):
            raise ValueError(f"no button with callback_data {data!r} on that message")
        query_id = str(next(self._query_ids))
        query: JsonDict = {
            "id": query_id,
            "from": user.to_dict(),
            "message": dict(stored.data),
            "chat_instance": str(abs(stored.chat_id)),
            "data": data,
        }
        self.records.open_callbacks[query_id] = query
        self._marks[stored.chat_id] = len(self.records.sent)
        self.world.updates.push("callback_query", query)
        return query

    def inline_query(
        self, user: User, query: str, offset: str = "", chat_type: str = "sender"
    ) -> JsonDict:
        """``user`` types ``@bot query``; the answer lands in :attr:`inline_answers`."""
        query_id = str(next(self._query_ids))
        payload: JsonDict = {
            "id": query_id,
            "from": user.to_dict(),
            "query": query,
            "offset": offset,
            "chat_type": chat_type,
        }
        self.records.open_inline[query_id] = payload
        self.world.updates.push("inline_query", payload)
        return payload

    def choose_inline_result(
        self, user: User, query_id: str, result_id: str, chat: ChatRef, feedback: bool = True
    ) -> JsonDict:
        """``user`` picks a result the bot offered; its message is posted in ``chat`` via the bot.

        Args:
            user: Who chose it (the author of the posted message).
            query_id: The inline query the bot answered.
            result_id: The chosen result's id.
            chat: Where the user posts it.
            feedback: Also deliver ``chosen_inline_result`` (needs inline feedback in BotFather).

        Returns:
            The posted ``Message`` dict; it carries ``via_bot`` and the result's keyboard.
        """
        answer = self.records.inline_answers[query_id]
        result = next(r for r in answer["results"] if r["id"] == result_id)
        content = result["input_message_content"]
        text, entities = render_text(
            str(content["message_text"]), content.get("parse_mode"), content.get("entities")
        )
        extra: JsonDict = {"via_bot": self.world.bot.to_dict()}
        if result.get("reply_markup"):
            extra["reply_markup"] = result["reply_markup"]
        target = self._chat(chat)
        data = self.world.new_message(target, user, text, entities, extra=extra)
        stored = self.world.store(data, via_bot=True, source=str(content["message_text"]))
        chosen: JsonDict = {"result_id": result_id, "from": user.to_dict(), "query": ""}
        if "reply_markup" in extra:
            inline_id = f"inline-{target.id}-{data['message_id']}"
            self.world.inline_messages[inline_id] = stored
            chosen["inline_message_id"] = inline_id
        if feedback:
            self.world.updates.push("chosen_inline_result", chosen)
        return data
