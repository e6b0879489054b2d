"""/start (with deep-link payloads) and /help."""

from __future__ import annotations

from telegram import Update

from bot.commands import command_list
from bot.context import Context, get_services
from bot.handlers.settings import texts_for
from bot.handlers.shared import send_article_summary, send_digest
from bot.render import escape, parse_payload, render_help, resolve_topic_token
from bot.render.deeplink import ArticleLink, TopicLink
from bot.replies import is_group, reply_pieces, reply_text
from digests.i18n import N_

WELCOME = N_(
    "I read the news so you don't have to. Ask me for a summary of a topic or an article, "
    "a digest of what happened, or search what I have stored."
)


async def start(update: Update, context: Context) -> None:
    """Greet the user, or open the article or topic a deep link points to."""
    payload = parse_payload(context.args[0]) if context.args else None
    if isinstance(payload, ArticleLink):
        await send_article_summary(update, context, payload.article_id)
        return
    if isinstance(payload, TopicLink):
        names = get_services(context).news.topics.keys()
        name = resolve_topic_token(payload.topic_token, names)
        if name is None:
            t = await texts_for(update, context)
            await reply_text(update, t.gettext("That topic link is no longer valid. /topics "
                                               "lists the topics I follow."))
            return
        await send_digest(update, context, name, None)
        return
    await help_command(update, context, intro=WELCOME)


async def help_command(update: Update, context: Context, intro: str | None = None) -> None:
    """List the commands offered in this kind of chat."""
    t = await texts_for(update, context)
    user = update.effective_user
    admin = user is not None and user.id in get_services(context).settings.admin_user_ids
    commands = [(t.gettext(c.usage).lstrip("/"), c.description)
                for c in command_list(group=is_group(update), admin=admin)]
    text = render_help(commands, t=t)
    await reply_pieces(update, [f"{escape(t.gettext(intro))}\n\n{text}" if intro else text])


async def help_handler(update: Update, context: Context) -> None:
    """/help."""
    await help_command(update, context)

