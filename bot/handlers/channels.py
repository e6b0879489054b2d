"""Channels as news sources: `/source add|remove|list @channel`, and their posts ingested.

Once an administrator of a public channel registers it (and has made the bot an
administrator there, which is how bots receive channel posts), every `channel_post` becomes an
article: the post link `https://t.me/<channel>/<id>` is its URL, the text or caption its body,
the channel title its source, and `<chat id>/<message id>` its external id, so an
`edited_channel_post` updates the stored article instead of adding a second one. Posts from
channels nobody registered are ignored.
"""

from __future__ import annotations

import asyncio

from telegram import Message, Update

from bot.context import Context, get_services
from bot.handlers.settings import texts_for
from bot.jobs_alerts import kick_alerts
from bot.permissions import check_channel
from bot.replies import reply_text
from digests.i18n import N_, Translator
from digests.ingest import ingest_draft
from digests.ingest.parse_text import parse_text
from digests.models import AddResult
from digests.service import NewsService
from digests.store import SqlStore
from digests.store.channel_sources import ChannelSources, normalize_username

USAGE = N_("Usage: /source add @channel, /source remove @channel, /source list")
ACTIONS = ("add", "remove", "list")


def channel_sources(news: NewsService) -> ChannelSources:
    """The channel-source repository over the news store's database."""
    store = news.store
    if not isinstance(store, SqlStore):
        raise TypeError("channel sources need the SQL store")
    return ChannelSources(store.engine, clock=store.clock)


def post_link(username: str, message_id: int) -> str:
    """The public link of a channel post."""
    return f"https://t.me/{username}/{message_id}"


def ingest_post(news: NewsService, post: Message, source: str, username: str) -> AddResult:
    """Ingest one channel post (blocking): edits match the stored article by external id."""
    metadata = {
        "source": source,
        "url": post_link(username, post.message_id),
        "id": f"{post.chat.id}/{post.message_id}",
        "published": post.date.isoformat(),
    }
    draft = parse_text(post.text or post.caption or "", origin="telegram", metadata=metadata)
    return ingest_draft(news.store, draft, news.settings, label=metadata["url"])


async def channel_post(update: Update, context: Context) -> None:
    """Ingest a new or edited post of a registered channel; ignore every other channel."""
    post = update.channel_post or update.edited_channel_post
    if post is None or not post.chat.username or not (post.text or post.caption or "").strip():
        return
    news = get_services(context).news
    registered = await asyncio.to_thread(channel_sources(news).get, post.chat.username)
    if registered is None:
        return
    source = post.chat.title or f"@{post.chat.username}"
    await asyncio.to_thread(ingest_post, news, post, source, post.chat.username)
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
    repository = channel_sources(get_services(context).news)
    if action == "remove" and await _may_remove(context, repository, username, user.id):
        removed = await asyncio.to_thread(repository.remove, username)
        await reply_text(update, _removed(username, removed, t))
        return
    check = await check_channel(context.bot, f"@{username}", user.id, t=t)
    if check.chat is None or not check.ok:
        await reply_text(update, check.problem or t.gettext("I can't read {channel}.",
                                                            channel="@" + username))
        return
    if action == "add":
        _, added = await asyncio.to_thread(repository.add, username, title=check.chat.title,
                                           added_by=user.id)
        await reply_text(update, t.gettext(
            "{channel} is now a source: its new posts become articles.", channel="@" + username)
            if added else t.gettext("{channel} is already a source: its new posts become "
                                    "articles.", channel="@" + username))
    else:
        removed = await asyncio.to_thread(repository.remove, username)
        await reply_text(update, _removed(username, removed, t))


def _removed(username: str, removed: bool, t: Translator) -> str:
    """What /source remove @channel says, whether or not the channel was a source."""
    name = "@" + username
    return (t.gettext("{channel} is no longer a source.", channel=name) if removed
            else t.gettext("{channel} was not a source.", channel=name))


async def _may_remove(context: Context, repository: ChannelSources, username: str,
                      user_id: int) -> bool:
    """Who added a channel, and the bot's own admins, may remove it even after the bot left it.

    Everyone else goes through `check_channel`, which needs the bot still in the channel.
    """
    existing = await asyncio.to_thread(repository.get, username)
    admins = get_services(context).settings.admin_user_ids
    return existing is not None and (user_id == existing.added_by or user_id in admins)


async def list_channels(update: Update, context: Context, t: Translator) -> None:
    """List the registered channels."""
    repository = channel_sources(get_services(context).news)
    channels = await asyncio.to_thread(repository.registered)
    lines = [f"@{c.username}" + (f" — {c.title}" if c.title else "") for c in channels]
    await reply_text(update, t.gettext("Channel sources:") + "\n" + "\n".join(lines) if lines
                     else t.gettext("No channel sources yet. An admin of a channel can run "
                                    "/source add @channel."))


async def source(update: Update, context: Context) -> None:
    """/source add|remove|list @channel."""
    args = list(context.args or [])
    action = args[0].casefold() if args else ""
    await channel_source_command(update, context, action, args[1] if len(args) > 1 else None)
