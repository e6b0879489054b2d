"""An article's summary as Telegram HTML messages.

The caller sends each message with `LinkPreviewOptions(is_disabled=True)`: the summary
already says what the link is, and a preview would double the message's height.
"""

from __future__ import annotations

from datetime import UTC, tzinfo

from bot.render.credit import credit_line
from bot.render.html import bold_html, escape, italic, link, shorten
from bot.render.split import split_html
from digests.i18n import ENGLISH, Translator
from digests.models import Article, Summary

MAX_TITLE_CHARS = 300


def title_html(article: Article, *, t: Translator = ENGLISH) -> str:
    """The article's title in bold, linked to its URL when that is http(s)."""
    title = shorten(article.title, MAX_TITLE_CHARS) or t.gettext("Untitled")
    return bold_html(link(title, article.url))


def summary_block(summary: Summary, *, t: Translator = ENGLISH) -> str:
    """The summary's sentences, one bullet each, or a plain note when there are none."""
    if not summary.sentences:
        return italic(summary.note or t.gettext("Nothing to summarize."))
    return "\n".join(f"• {escape(' '.join(sentence.split()))}" for sentence in summary.sentences)


def headline_only_line(t: Translator = ENGLISH) -> str:
    """Said under an article that is only a headline, so it is not taken for a summary."""
    return italic(t.gettext("Headline only: the feed gave no text and the article's page "
                            "could not be read."))


def kept_line(summary: Summary, *, t: Translator = ENGLISH) -> str:
    """Say how much was kept and by which algorithm, e.g. "4 of 31 sentences · lexrank"."""
    kept = t.ngettext("{kept} of {count} sentence", "{kept} of {count} sentences",
                      summary.total_sentences, kept=len(summary.sentences))
    return italic(f"{kept} · {summary.algorithm}")


def render_summary(
    article: Article, summary: Summary, *, deep_link: str | None, tz: tzinfo = UTC,
    t: Translator = ENGLISH,
) -> list[str]:
    """Render a summary: title link, source line with licence, sentences, how much was kept.

    Args:
        article: the summarized article, cited with its source, date and licence.
        summary: the extractive summary of it.
        deep_link: a `t.me` link that opens this summary in a private chat, shown at the end so
            a forwarded copy leads back to the bot; None to leave it out.
        tz: the zone the date is shown in.
        t: the chat's translator, for the frame around the article's own text.

    Returns:
        One or more messages of at most 4096 visible characters; send them with link
        previews disabled.
    """
    footer = kept_line(summary, t=t)
    if article.headline_only:
        footer = headline_only_line(t)
    if summary.note and summary.sentences and not article.headline_only:
        footer += "\n" + italic(summary.note)
    if deep_link:
        footer += "\n" + link(t.gettext("Open in the bot"), deep_link)
    header = f"{title_html(article, t=t)}\n{credit_line(article, tz=tz, t=t)}"
    return split_html([header, summary_block(summary, t=t), footer])
