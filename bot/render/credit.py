"""Where an article came from: the short credit line shown wherever an article is cited.

The corpus is licensed (CC BY, CC BY-SA) and every citation must say so. The full attribution
string names work, outlet, date, URL, licence and the changes made; it is far too long to
repeat under every story, so summaries, digests and search results carry a short line
(outlet linked to the article, date, licence linked to its deed) and `/article` shows the full
attribution once.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, tzinfo

from bot.render.html import clean, escape, link, shorten
from digests.i18n import ENGLISH, N_, Translator
from digests.labels import label_text
from digests.models import Article

_CC_RE = re.compile(r"CC[ -](BY(?:-(?:NC|SA|ND)){0,2})[ -]([1-4]\.[05])", re.IGNORECASE)
_CC0_RE = re.compile(r"CC0(?:[ -]1\.0)?", re.IGNORECASE)
MAX_SOURCE_CHARS = 80

#: The names the bot gives what a chat sends it (stored in English, as sources are): shown
#: in the reader's language. Any other source is an outlet's own name, shown as it is.
PASTED_TEXT = N_("Pasted text")
TELEGRAM_FORWARD = N_("Telegram forward")
TELEGRAM_MESSAGE = N_("Telegram message")
TELEGRAM_CHANNEL = N_("Telegram channel")
#: The core's names for a file's article that names no source (digests.ingest: a text or
#: Markdown file, an HTML file, a corpus record).
LOCAL_FILE = N_("local")
WEB_FILE = N_("web")
CORPUS_RECORD = N_("corpus")
OWN_NAMES = frozenset({PASTED_TEXT, TELEGRAM_FORWARD, TELEGRAM_MESSAGE, TELEGRAM_CHANNEL,
                       LOCAL_FILE, WEB_FILE, CORPUS_RECORD})
#: What a source without a name (a feed that gives none, a record without one) is called.
UNNAMED_SOURCE = N_("source")


def source_name(source: str | None, t: Translator = ENGLISH) -> str:
    """An article's source as the reader reads it: the bot's own names translated.

    A blank name reads as the word "source" in the reader's language, so a link to the
    article never has empty text.
    """
    if not source or not clean(source).strip():
        return t.gettext(UNNAMED_SOURCE)
    return t.gettext(source) if source in OWN_NAMES else source


def license_url(license_name: str | None) -> str | None:
    """Return the Creative Commons deed for names such as "CC BY 2.5", else None."""
    if not license_name:
        return None
    if match := _CC_RE.fullmatch(license_name.strip()):
        kind, version = match.group(1).lower(), match.group(2)
        return f"https://creativecommons.org/licenses/{kind}/{version}/"
    if _CC0_RE.fullmatch(license_name.strip()):
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    return None


def format_date(moment: datetime, tz: tzinfo = UTC) -> str:
    """Show a date as ISO `YYYY-MM-DD` in `tz`: unambiguous in every language."""
    return moment.astimezone(tz).date().isoformat()


def license_html(article: Article) -> str:
    """The article's licence, linked to its deed when we know it; empty when there is none."""
    if not article.license:
        return ""
    return link(shorten(article.license, MAX_SOURCE_CHARS), license_url(article.license))


def credit_line(article: Article, *, tz: tzinfo = UTC, t: Translator = ENGLISH) -> str:
    """Render "Source · date · licence · label" with the source linked to the article.

    Example: ``<a href="https://en.wikinews.org/…">Wikinews (English)</a> · 2019-01-04 ·
    <a href="https://creativecommons.org/licenses/by/2.5/">CC BY 2.5</a>``. The frame
    ("by", "date unknown", the label of an official release) is in the chat's language.
    """
    parts = [link(shorten(source_name(article.source, t), MAX_SOURCE_CHARS), article.url)]
    if article.author:
        parts.append(escape(t.gettext("by {author}",
                                      author=shorten(article.author, MAX_SOURCE_CHARS))))
    if article.dated:
        parts.append(format_date(article.published_at, tz))
    else:  # never shown as that day's news: the ingest time only orders it
        parts.append(escape(t.gettext("date unknown · added {date}",
                                      date=format_date(article.ingested_at, tz))))
    if licence := license_html(article):
        parts.append(licence)
    if label := label_text(article.source_kind, t):
        parts.append(f"<i>{escape(shorten(label, 2 * MAX_SOURCE_CHARS))}</i>")
    return " · ".join(parts)


def short_credit(article: Article, t: Translator = ENGLISH) -> str:
    """Render "Source (licence)" with the source linked, for lists of other reports."""
    source = link(shorten(source_name(article.source, t), MAX_SOURCE_CHARS), article.url)
    if article.license:
        return f"{source} ({escape(shorten(article.license, MAX_SOURCE_CHARS))})"
    return source
