"""The bot's own membership (``my_chat_member``): track chats, greet once, pause and resume.

Added to a group: recorded, and the first time it says briefly how to subscribe. Removed,
demoted so it can no longer post, or blocked in a private chat: the chat's subscriptions are
paused with the reason. Added back, or unblocked: they resume from the next firing.
"""

from __future__ import annotations

import asyncio

from telegram import ChatMember, ChatMemberAdministrator, ChatMemberRestricted, Update

from bot.context import Context, get_services
from bot.handlers.settings import texts_for
from bot.render.subscriptions import render_welcome
from digests.models.subscriptions import ChatInfo


def effective_status(member: ChatMember, chat_type: str) -> str:
    """The bot's status, with ``demoted`` when it stays in the chat but may not post."""
    if chat_type == "channel" and not (isinstance(member, ChatMemberAdministrator)
                                       and member.can_post_messages is not False):
        return "left" if member.status in ("left", "kicked") else "demoted"
    if isinstance(member, ChatMemberRestricted) and not member.can_send_messages:
        return "demoted"
    return member.status


async def my_chat_member(update: Update, context: Context) -> None:
    """Track the bot's membership change and pause, resume or greet accordingly."""
    change = update.my_chat_member
    if change is None:
        return
    chat = change.chat
    status = effective_status(change.new_chat_member, chat.type)
    info = ChatInfo(chat.id, chat.type, chat.title, chat.username, member_status=status)
    services = get_services(context)
    first, _ = await asyncio.to_thread(services.chats.membership_changed, info)
    if first and chat.type in ("group", "supergroup") and status in ("member", "administrator"):
        t = await texts_for(update, context)  # the adding user's language, on first contact
        await context.bot.send_message(chat.id, render_welcome(services.bot_username, t=t))


async def started(update: Update, context: Context) -> None:
    """A user's /start: resume their private chat's automatically paused subscriptions."""
    chat = update.effective_chat
    if chat is None or chat.type != "private":
        return
    await asyncio.to_thread(get_services(context).chats.resume_chat, chat.id)
