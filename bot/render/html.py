"""Escaping and tag helpers for Telegram HTML, and the length Telegram counts.

Every value that comes from an article, a feed or a user goes through `escape` before it
touches markup; the helpers that wrap text in tags take text (and escape it) unless their
name says `_html`, in which case the argument must already be safe HTML. Keeping the two
apart is what stops a headline such as ``<script>`` or ``AT&T`` from breaking a message.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from bot.limits import utf16_units
from digests.i18n import Translator

# Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they reorder
# everything after them. The marks (U+200E, U+200F) are kept: they steer only the
# characters next to them, and right-to-left text needs them.
_REORDERING = "\u202a-\u202e\u2066-\u2069"
_CONTROL_RE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff{_REORDERING}]")
_URL_FORBIDDEN_RE = re.compile(r"[\s\x00-\x1f\x7f<>\"\\^`{|}\ud800-\udfff]")
MAX_URL_CHARS = 2048


def clean(text: str) -> str:
    r"""Drop what Telegram cannot carry: control characters and lone surrogates.

    Bidi overrides and isolates go too: stored text never has them (ingest strips them),
    but a reply that echoes what a user typed ("Nothing found for …") would otherwise let
    a U+202E reverse the rest of the bot's own sentence.

    Carriage returns go with the other controls, so ``\r\n`` becomes ``\n``. Lone surrogates
    (which only a broken decoder produces) would make the request body unencodable as UTF-8,
    so they become U+FFFD rather than failing the whole message.
    """
    return _CONTROL_RE.sub(_replace_control, text)


def _replace_control(match: re.Match[str]) -> str:
    return "\ufffd" if "\ud800" <= match.group() <= "\udfff" else ""


def sentence(text: str) -> str:
    """`text` with a capital first letter, to start a chat's reply.

    The core's refusals ("unknown topic …", "нет статьи …") are clauses, in lower case
    for the CLI's "newsdigest: error: …"; in a chat they are the sentence itself.
    """
    return text[:1].upper() + text[1:]


def escape(text: str) -> str:
    """Make any text safe to interpolate into Telegram HTML, also inside a quoted attribute.

    Only the four named entities Telegram documents are produced (`&lt; &gt; &amp; &quot;`);
    the standard library would also turn `'` into ``&#x27;``, which Telegram accepts but a strict
    parser need not.
    """
    cleaned = clean(text)
    return (
        cleaned.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


def is_http_url(url: str | None) -> bool:
    """Tell whether `url` is an absolute http(s) URL Telegram will accept as a link or button.

    Anything else (``javascript:``, relative paths, ``tg://``, URLs with spaces) is shown as
    plain text instead, so a hostile feed cannot smuggle a link and Telegram never rejects a
    message for a bad ``href``.
    """
    if not url or len(url) > MAX_URL_CHARS or _URL_FORBIDDEN_RE.search(url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in {"http", "https"} and bool(parts.hostname)


def link(text: str, url: str | None) -> str:
    """Render `text` as a link to `url` when it is http(s), else as plain escaped text."""
    return link_html(escape(text), url)


def link_html(inner_html: str, url: str | None) -> str:
    """Wrap already-safe HTML in a link when `url` is http(s); otherwise return it unchanged."""
    if url is None or not is_http_url(url):
        return inner_html
    return f'<a href="{escape(url)}">{inner_html}</a>'


def bold(text: str) -> str:
    """Render escaped text in bold."""
    return f"<b>{escape(text)}</b>"


def bold_html(inner_html: str) -> str:
    """Wrap already-safe HTML in bold."""
    return f"<b>{inner_html}</b>"


def italic(text: str) -> str:
    """Render escaped text in italics."""
    return f"<i>{escape(text)}</i>"


def italic_html(inner_html: str) -> str:
    """Wrap already-safe HTML in italics."""
    return f"<i>{inner_html}</i>"


def code(text: str) -> str:
    """Render escaped text as inline code, which Telegram lets users copy with one tap."""
    return f"<code>{escape(text)}</code>"


utf16_len = utf16_units  # one count of Telegram's unit for the product and the local server


def shorten(text: str, max_chars: int) -> str:
    """Cut text to at most `max_chars` code points at a word boundary, marking the cut with "…".

    Used for titles and queries shown in lists, where one hostile 5,000-character value must
    not crowd out everything else.
    """
    text = " ".join(clean(text).split())
    if len(text) <= max_chars:
        return text
    cut = text[: max(max_chars - 1, 1)]
    space = cut.rfind(" ")
    if space > max_chars // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def translated_html(t: Translator, message: str, **html_values: str) -> str:
    """A translated sentence as HTML, with already-rendered HTML put into its placeholders.

    The catalog's text is escaped like any other text; the values (a linked title, a
    ``<code>`` query) are HTML the caller built and escaped, so they are inserted as they are.
    """
    return escape(t.gettext(message)).format(**html_values)
