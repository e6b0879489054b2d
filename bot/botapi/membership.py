"""Scripted changes of the bot's situation: joins, removals, blocks, upgrades and outages."""

from __future__ import annotations

from typing import Any

from bot.botapi.inject import ChatRef, Injector
from bot.botapi.models import Chat, Member, User

JsonDict = dict[str, Any]
_BOT_ADMIN = frozenset({"can_manage_chat", "can_delete_messages", "can_post_messages"})


class Membership(Injector):
    """Mixin adding bot membership changes and failures to :class:`Injector`."""

    def set_bot_membership(
        self,
        chat: ChatRef,
        status: str,
        by_user: User,
        rights: frozenset[str] = _BOT_ADMIN,
    ) -> JsonDict:
        """Change the bot's status in a chat and deliver the ``my_chat_member`` update.

        Args:
            chat: The chat (a :class:`User` means their private chat: ``kicked`` = blocked).
            status: ``member``, ``administrator``, ``left`` or ``kicked``.
            by_user: Who made the change.
            rights: Administrator rights when ``status`` is ``administrator``.

        Returns:
            The ``ChatMemberUpdated`` dict.
        """
        target = self._chat(chat)
        granted = rights if status == "administrator" else frozenset()
        old = self.world.set_member(target.id, Member(self.world.bot, status, rights=granted))
        new = self.world.member(target.id, self.world.bot.id)
        if target.type == "private":
            target.failure = "blocked" if status == "kicked" else None
        payload = {
            "chat": target.to_dict(),
            "from": by_user.to_dict(),
            "date": self.world.now(),
            "old_chat_member": old.to_dict(target),
            "new_chat_member": new.to_dict(target),
        }
        self.world.updates.push("my_chat_member", payload)
        return payload

    def block(self, user: User) -> JsonDict:
        """The user blocks the bot: sends now fail with 403 and ``my_chat_member`` arrives."""
        return self.set_bot_membership(user, "kicked", user)

    def unblock(self, user: User) -> JsonDict:
        """The user restarts the bot after blocking it."""
        return self.set_bot_membership(user, "member", user)

    def kick_bot(self, chat: ChatRef, by_user: User) -> JsonDict:
        """The bot is removed from a group or channel (403 "bot was kicked" afterwards)."""
        return self.set_bot_membership(chat, "kicked", by_user)

    def remove_chat(self, chat: ChatRef) -> None:
        """The chat disappears: every call about it answers 400 "chat not found"."""
        self._chat(chat).failure = "not_found"

    def deactivate(self, user: User) -> None:
        """The user deleted their account (403 "user is deactivated")."""
        self._chat(user).failure = "deactivated"

    def migrate(self, group: ChatRef) -> Chat:
        """Upgrade a basic group to a supergroup, as Telegram does when a group grows.

        Members move over, both service messages are delivered, and sending to the old id
        answers 400 with ``migrate_to_chat_id``.

        Returns:
            The new supergroup.
        """
        old = self._chat(group)
        if old.type != "group":
            raise ValueError("only basic groups migrate")
        new = self.world.add_chat("supergroup", old.title or "", old.username)
        self.world.members[new.id] = dict(self.world.members.get(old.id, {}))
        service_old = self.world.new_message(old, None, extra={"migrate_to_chat_id": new.id})
        service_new = self.world.new_message(new, None, extra={"migrate_from_chat_id": old.id})
        old.migrated_to = new.id
        self.world.updates.push("message", service_old)
        self.world.updates.push("message", service_new)
        return new

    def fail_next(
        self, code: int = 500, times: int = 1, method: str | None = "sendMessage"
    ) -> None:
        """Make the next ``times`` calls of ``method`` (None: any method) fail with ``code``."""
        self.records.failures.append([method, code, times])
