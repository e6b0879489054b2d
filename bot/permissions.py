"""Who may change a chat's subscriptions or post to it, checked with Telegram.

In groups only administrators may subscribe the chat or push digests into it. Anonymous
administrators write "as the group" (`sender_chat` is the group itself, `from` is
GroupAnonymousBot), and only administrators can do that, so such a message counts as an
admin's. Channels are managed from a private chat: the user must administer the channel
and the bot must be allowed to post there.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Bot, ChatFullInfo, ChatMemberAdministrator, ChatMemberOwner, Message
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden

from digests.i18n import ENGLISH, Translator

ADMIN_STATUSES = {"administrator", "creator"}


@dataclass(frozen=True, slots=True)
class ChannelCheck:
    """The outcome of checking a channel target; `problem` says what is wrong, if anything."""

    chat: ChatFullInfo | None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        """True when the user administers the channel and the bot may post in it."""
        return self.chat is not None and self.problem is None


async def is_admin(bot: Bot, chat_id: int | str, user_id: int) -> bool:
    """Whether `user_id` is an administrator or the owner of the chat."""
    try:
        member = await bot.get_chat_member(chat_id, user_id)
    except (BadRequest, Forbidden):
        return False
    return member.status in ADMIN_STATUSES


async def may_manage(bot: Bot, message: Message) -> bool:
    """Whether the sender of `message` may manage its chat (always true in private chats)."""
    chat = message.chat
    if chat.type == ChatType.PRIVATE:
        return True
    if message.sender_chat is not None and message.sender_chat.id == chat.id:
        return True  # an anonymous administrator writing as the group
    if message.from_user is None:
        return False
    return await is_admin(bot, chat.id, message.from_user.id)


async def bot_can_post(bot: Bot, chat_id: int | str) -> bool:
    """Whether the bot may send messages to a chat (in channels: an admin that can post)."""
    try:
        member = await bot.get_chat_member(chat_id, bot.id)
    except (BadRequest, Forbidden):
        return False
    if isinstance(member, ChatMemberOwner):
        return True
    if isinstance(member, ChatMemberAdministrator):
        return member.can_post_messages is not False
    return member.status in {"member", "restricted"}


async def check_channel(bot: Bot, channel: str, user_id: int, *,
                        t: Translator = ENGLISH) -> ChannelCheck:
    """Resolve `@channel` and verify both rights: the user administers it, the bot may post.

    The problem is worded in the asking chat's language (`t`): it is shown to that user.
    """
    try:
        chat = await bot.get_chat(channel)
    except (BadRequest, Forbidden):
        return ChannelCheck(None, t.gettext("I can't find {channel}. Add me to it as an "
                                            "administrator first.", channel=channel))
    if chat.type != ChatType.CHANNEL:
        return ChannelCheck(None, t.gettext("{channel} is not a channel.", channel=channel))
    if not await is_admin(bot, chat.id, user_id):
        return ChannelCheck(None, t.gettext("Only administrators of {channel} can do that.",
                                            channel=channel))
    if not await bot_can_post(bot, chat.id):
        return ChannelCheck(None, t.gettext("I can't post in {channel}: make me an "
                                            "administrator with the right to post messages.",
                                            channel=channel))
    return ChannelCheck(chat)
