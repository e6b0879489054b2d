"""/sources (feed health) and /source add|remove <feed url> (bot admins only).

`/source` is shared with the channel-sources feature (`bot.handlers.channels`): this
handler takes feed URLs and hands everything else (`@channel`, `list`, no argument) to
the channel handler, so one command serves both kinds of source.
"""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.context import Context, get_services
from bot.handlers import channels
from bot.handlers.settings import texts_for
from bot.render.sources import hide_credentials, public_url, render_sources
from bot.replies import reply_pieces, reply_text
from digests import reasons
from digests.i18n import N_, Translator
from digests.services.sources import is_http_url

USAGE = N_("Usage: /source add <feed url> or /source remove <feed url>")
ADMINS_ONLY = N_("Only the bot's administrators can add or remove sources.")


async def sources(update: Update, context: Context) -> None:
    """List feed sources with their health: last success, last error, entries, next check."""
    service = get_services(context).sources
    listed = await asyncio.to_thread(service.list_sources)
    t = await texts_for(update, context)
    if not listed:
        await reply_text(update, t.gettext("No feed sources yet. Admins add one with "
                                           "/source add <url>."))
        return
    now = service.clock()
    user = update.effective_user
    admin = user is not None and user.id in get_services(context).settings.admin_user_ids
    # Feed URLs may carry credentials (userinfo, query tokens): only admins see them whole.
    entries = [(s.title or "", s.url, service.health(s, now, t=t)) if admin else
               (s.title or "", public_url(s.url),
                [hide_credentials(line, s.url) for line in service.health(s, now, t=t)])
               for s in listed]
    await reply_pieces(update, render_sources(entries))


async def source(update: Update, context: Context) -> None:
    """Add or remove a feed source (admins); channels go to the channel handler."""
    args = context.args or []
    user = update.effective_user
    if len(args) != 2 or not args[1].casefold().startswith(("http://", "https://")):
        await channels.source(update, context)
    elif args[0] not in ("add", "remove"):
        await reply_text(update, (await texts_for(update, context)).gettext(USAGE))
    elif user is None or user.id not in get_services(context).settings.admin_user_ids:
        await reply_text(update, (await texts_for(update, context)).gettext(ADMINS_ONLY))
    elif not is_http_url(args[1]):
        t = await texts_for(update, context)
        await reply_text(update, t.gettext("That is not an http(s) feed URL.") + " "
                         + t.gettext(USAGE))
    elif args[0] == "remove":
        t = await texts_for(update, context)
        removed = await asyncio.to_thread(get_services(context).sources.remove, args[1])
        await reply_text(update, t.gettext("Removed.") if removed
                         else t.gettext("No such source."))
    else:
        await reply_text(update, await add_source(context, args[1], user.id,
                                                  await texts_for(update, context)))


async def add_source(context: Context, url: str, user_id: int, t: Translator) -> str:
    """Register (or resume) a feed and poll it once, so the admin sees at once if it works.

    The service stores one spelling per feed (case, default port, utm_*, fragment), as
    OPML import does.
    """
    outcome = await get_services(context).sources.add_and_check(url, added_by=user_id)
    if outcome is None:
        return t.gettext("That URL is already a source of another kind.")
    if outcome.status == "failed":
        return t.gettext("Added, but the first check failed: {error}. I'll keep trying with "
                         "growing pauses.", error=reasons.translate(outcome.error, t))
    return (t.gettext("Added:") + " "
            + t.ngettext("{count} entry", "{count} entries", outcome.entries) + ", "
            + t.ngettext("{count} new article.", "{count} new articles.", outcome.stored))
