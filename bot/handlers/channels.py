"""Channels as news sources: `/source add|remove|list @channel`, and their posts ingested.

Once an administrator of a public channel registers it (and has made the bot an
administrator there, which is how bots receive channel posts), every `channel_post` becomes an
article: the post link `https://t.me/<channel>/<id>` is its URL, the text or caption its body,
the channel title its source, and `<chat id>/<message id>` its external id, so an
`edited_channel_post` updates the stored article instead of adding a second one. Posts from
channels nobody registered are ignored. Those rules are the channel sources service's
(`digests.services.channels`); this module reads commands and updates and answers.
"""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.context import Context, get_services
from bot.handlers.settings import texts_for
from bot.jobs_alerts import kick_alerts
from bot.permissions import check_channel
from bot.replies import reply_text
from digests.i18n import N_, Translator
from digests.services.channels import ChannelPost, normalize_username

USAGE = N_("Usage: /source add @channel, /source remove @channel, /source list")
ACTIONS = ("add", "remove", "list")


async def channel_post(update: Update, context: Context) -> None:
    """Ingest a new or edited post of a registered channel; ignore every other channel."""
    post = update.channel_post or update.edited_channel_post
    if post is None or not post.chat.username:
        return
    received = ChannelPost(chat_id=post.chat.id, message_id=post.message_id,
                           username=post.chat.username, title=post.chat.title,
                           text=post.text or post.caption or "", date=post.date)
    if await asyncio.to_thread(get_services(context).channels.ingest_post, received) is None:
        return
    kick_alerts(context)


async def channel_source_command(update: Update, context: Context, action: str,
                                 channel: str | None) -> None:
    """Run `/source <add|remove|list> [@channel]`; the feed `/source` handler delegates here."""
    t = await texts_for(update, context)
    if action == "list":
        await list_channels(update, context, t)
        return
    user = update.effective_user
    try:
        username = normalize_username(channel or "")
    except ValueError:
        await reply_text(update, t.gettext(USAGE))
        return
    if action not in ACTIONS or user is None:
        await reply_text(update, t.gettext(USAGE))
        return
    service = get_services(context).channels
    if action == "remove" and await asyncio.to_thread(service.may_remove, username, user.id):
        removed = await asyncio.to_thread(service.remove, username)
        await reply_text(update, _removed(username, removed, t))
        return
    check = await check_channel(context.bot, f"@{username}", user.id, t=t)
    if check.chat is None or not check.ok:
        await reply_text(update, check.problem or t.gettext("I can't read {channel}.",
                                                            channel="@" + username))
        return
    if action == "add":
        _, added = await asyncio.to_thread(service.add, username, title=check.chat.title,
                                           added_by=user.id)
        await reply_text(update, t.gettext(
            "{channel} is now a source: its new posts become articles.", channel="@" + username)
            if added else t.gettext("{channel} is already a source: its new posts become "
                                    "articles.", channel="@" + username))
    else:
        removed = await asyncio.to_thread(service.remove, username)
        await reply_text(update, _removed(username, removed, t))


def _removed(username: str, removed: bool, t: Translator) -> str:
    """What /source remove @channel says, whether or not the channel was a source."""
    name = "@" + username
    return (t.gettext("{channel} is no longer a source.", channel=name) if removed
            else t.gettext("{channel} was not a source.", channel=name))


async def list_channels(update: Update, context: Context, t: Translator) -> None:
    """List the registered channels."""
    channels = await asyncio.to_thread(get_services(context).channels.registered)
    lines = [f"@{c.username}" + (f" — {c.title}" if c.title else "") for c in channels]
    await reply_text(update, t.gettext("Channel sources:") + "\n" + "\n".join(lines) if lines
                     else t.gettext("No channel sources yet. An admin of a channel can run "
                                    "/source add @channel."))


async def source(update: Update, context: Context) -> None:
    """/source add|remove|list @channel."""
    args = list(context.args or [])
    action = args[0].casefold() if args else ""
    await channel_source_command(update, context, action, args[1] if len(args) > 1 else None)
