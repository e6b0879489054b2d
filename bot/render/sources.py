"""The /sources listing: each feed with its health lines."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit, urlunsplit

from bot.render.html import bold, escape
from bot.render.split import split_html

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
    """Messages listing `(title, url, health lines)` per feed, split under Telegram's limit."""
    blocks = [f"{bold(title or url)}\n{escape(url)}\n" + "\n".join(escape(line) for line in lines)
              for title, url, lines in entries]
    return split_html(blocks)
