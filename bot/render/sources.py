"""The /sources listing: each feed with its health lines."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit, urlunsplit

from bot.render.html import bold, escape
from bot.render.split import split_html
from digests import reasons
from digests.i18n import ENGLISH, Translator
from digests.services.sources import SourcePaused

# "scheme://user:password@" anywhere in a text (an error message can repeat the feed's URL).
_USERINFO_RE = re.compile(r"(?<=://)[^/?#@\s]*@")


def public_url(url: str) -> str:
    """A feed URL as anyone may see it: no userinfo, query or fragment.

    Feed URLs can carry credentials in either place (`http://user:pw@host/feed.xml`,
    `?token=…`); only the bot's admins see them whole.
    """
    try:
        parts = urlsplit(url)
        host = parts.netloc.rpartition("@")[2]
        return urlunsplit((parts.scheme, host, parts.path, "", ""))
    except ValueError:
        return _USERINFO_RE.sub("", url.split("?", 1)[0].split("#", 1)[0])


def hide_credentials(text: str, url: str) -> str:
    """`text` (a health line) with `url` shown public and every URL's userinfo removed.

    Poll errors may repeat the feed's URL, query string and all.
    """
    return _USERINFO_RE.sub("", text.replace(url, public_url(url)))


def render_sources(entries: Sequence[tuple[str, str, Sequence[str]]]) -> list[str]:
    """Messages listing `(title, url, health lines)` per feed, split under Telegram's limit.

    A feed without a title (never read yet, or its feed names none) is headed by its URL,
    shown once.
    """
    blocks = [(f"{bold(title)}\n{escape(url)}" if title else bold(url)) + "\n"
              + "\n".join(escape(line) for line in lines)
              for title, url, lines in entries]
    return split_html(blocks)


def render_paused(event: SourcePaused, t: Translator = ENGLISH) -> str:
    """The notice to the admin who added a feed the poller just paused, in their language.

    The stored reason is read back into the admin's language like `/sources` shows it; the
    feed's name and URL are the feed's own.
    """
    name = bold(event.title or event.url)
    paused = escape(t.ngettext("Feed {name} is paused after {count} failed check in a row.",
                               "Feed {name} is paused after {count} failed checks in a row.",
                               event.failures, name="{name}")).format(name=name)
    error = escape(t.gettext("Last error: {error}", error=reasons.translate(event.error, t)))
    resume = escape(t.gettext("Send /source add {url} to resume it.", url=event.url))
    return f"{paused}\n{error}\n{resume}"
