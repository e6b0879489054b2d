"""Why a link, a feed, a text or a delivery failed: stated once in English, shown in any language.

The core states a reason as English text made from one of the templates below (logs, the
CLI, a feed's stored ``last_error``, a subscription's stored ``pause_reason``). Those texts
are stored and passed along as strings, so the renderers translate them at display time:
`translate` reads a text back into its template and values and returns the catalog's
translation. A value that is itself a known reason (an HTTP status phrase, the page's own
rejection) is translated in turn; anything else (a server's or a library's own words, a
host, a number) is shown as given. Rows stored before a chat changed language, or before
this module existed, read in today's language as long as their text is a template's.
"""

from __future__ import annotations

import functools
import re
import string

from digests.i18n import N_, Translator

# Fetching (digests.web.fetch, digests.web.safety, digests.web.pages).
REFUSED_LINK = N_("refused: not a valid link ({error})")
REFUSED_PORT = N_("refused: not a valid link (port {port} out of range)")
REFUSED_SCHEME = N_("refused: only http and https links can be fetched")
REFUSED_SCHEME_NAMED = N_("refused: only http and https links, not {scheme}")
REFUSED_PRIVATE = N_("refused: {host} is not a public address")
REFUSED_ENCODING = N_("refused: unsupported content encoding {encoding}")
NO_ADDRESS = N_("{host} has no usable address")
TIMED_OUT = N_("timed out after {seconds} s")
NO_CONNECTION = N_("could not connect: {error}")
NO_SUCH_HOST = N_("cannot resolve {host}: {error}")
HTTP_STATUS = N_("the server answered {status} {phrase}")
HTTP_STATUS_BARE = N_("the server answered {status}")
NOT_TEXT_PAGE = N_("not an HTML, XML or text page ({media})")
NOT_HTML_PAGE = N_("not an HTML page ({media}); send a link to an article")
REDIRECTS = N_("too many redirects (more than {count})")
TOO_LARGE_BYTES = N_("too large: more than {size} bytes")
UNREADABLE_PAGE = N_("the page could not be read as text ({reason})")
CORRUPT_BODY = N_("corrupt {encoding} body: {error}")
NO_ARTICLE_TEXT = N_("no article text found on the page ({reason})")
# Feeds (digests.web.feeds, digests.web.poller).
NOT_A_FEED = N_("not an RSS, Atom or JSON feed")
WEB_PAGE = N_("this is a web page, not an RSS or Atom feed")
WEB_PAGE_NAMES_FEED = N_("this is a web page, not an RSS or Atom feed; the page links its "
                         "feed at {url}")
MALFORMED_FEED = N_("malformed feed: {error}")
MALFORMED_JSON_FEED = N_("malformed JSON Feed: {error}")
NESTED_JSON_FEED = N_("malformed JSON Feed: nested too deeply")
NOT_A_JSON_FEED = N_("not a JSON Feed")
UNREADABLE_JSON_ITEMS = N_("some JSON Feed items were unreadable")
UNPARSEABLE_FEED = N_("unparseable feed: {error}")
INTERNAL = N_("internal error: {error}")
# Texts (digests.ingest): what a pasted or fetched text can be refused for.
EMPTY = N_("empty")
ONLY_BOILERPLATE = N_("empty: only boilerplate")
NO_MAIN_TEXT = N_("empty: no main text found in HTML")
TOO_LONG = N_("too large: {chars} characters (limit {limit})")
UNDECODABLE = N_("undecodable: invalid {encoding}")
BINARY = N_("binary: contains NUL bytes")
ONLY_HTTP = N_("only http and https links can be fetched")
# Files (digests.ingest.read): what `ingest` and `summary --file` can be refused for.
UNREADABLE_FILE = N_("unreadable: {error}")
NO_SUCH_FILE = N_("no such file or folder")
NO_STDIN = N_("no standard input")
UNSUPPORTED_FILE = N_("unsupported file type {suffix}")
UNKNOWN = N_("unknown")
# Why a chat's subscriptions were paused (digests.subscriptions, digests.alerts).
MEMBERSHIP = N_("membership: {status}")
DELIVERY = N_("delivery: {detail}")

REASONS = (REFUSED_LINK, REFUSED_PORT, REFUSED_SCHEME, REFUSED_SCHEME_NAMED, REFUSED_PRIVATE,
           REFUSED_ENCODING, NO_ADDRESS, TIMED_OUT, NO_CONNECTION, NO_SUCH_HOST, HTTP_STATUS,
           HTTP_STATUS_BARE, NOT_TEXT_PAGE, NOT_HTML_PAGE, REDIRECTS, TOO_LARGE_BYTES,
           UNREADABLE_PAGE, CORRUPT_BODY, NO_ARTICLE_TEXT, NOT_A_FEED, WEB_PAGE,
           WEB_PAGE_NAMES_FEED, MALFORMED_FEED,
           MALFORMED_JSON_FEED, NESTED_JSON_FEED, NOT_A_JSON_FEED, UNREADABLE_JSON_ITEMS,
           UNPARSEABLE_FEED, INTERNAL,
           EMPTY, ONLY_BOILERPLATE, NO_MAIN_TEXT, TOO_LONG, UNDECODABLE, BINARY, ONLY_HTTP, UNKNOWN,
           UNREADABLE_FILE, NO_SUCH_FILE, NO_STDIN, UNSUPPORTED_FILE, MEMBERSHIP, DELIVERY)

#: Values other texts carry that have a translation of their own: the standard HTTP status
#: phrases, what httpx and the resolver say most often, Telegram's reasons to stop sending.
KNOWN_VALUES = (
    N_("Bad Request"), N_("Unauthorized"), N_("Forbidden"), N_("Not Found"), N_("Gone"),
    N_("Too Many Requests"), N_("Internal Server Error"), N_("Bad Gateway"),
    N_("Service Unavailable"), N_("Gateway Timeout"), N_("Not Acceptable"),
    N_("All connection attempts failed"), N_("[Errno {code}] Name or service not known"),
    N_("[Errno {code}] Temporary failure in name resolution"),
    N_("[Errno {code}] Connection refused"),
    # The resolver's own words (getaddrinfo's strerror), as `NO_SUCH_HOST` quotes them.
    N_("Name or service not known"), N_("Temporary failure in name resolution"),
    N_("No address associated with hostname"),
    N_("kicked"), N_("left"), N_("demoted"),
    N_("blocked"), N_("not_found"), N_("migrated"),
    N_("Forbidden: bot was blocked by the user"),
    N_("Forbidden: bot was kicked from the group chat"),
    N_("Forbidden: bot was kicked from the supergroup chat"),
    N_("Forbidden: bot was kicked from the channel chat"),
    N_("Forbidden: bot is not a member of the channel chat"),
    N_("Forbidden: user is deactivated"),
    N_("Bad Request: chat not found"),
)

#: Longest text `translate` reads back; longer ones (a library's traceback-like words) are
#: shown as given rather than matched.
MAX_CHARS = 1000

_FIELDS = string.Formatter()


def translate(text: str | None, t: Translator) -> str:
    """`text` in `t`'s language when it is one of the reasons above, else as given."""
    if not text:
        return t.gettext(UNKNOWN)
    if t.language == "en" or len(text) > MAX_CHARS:
        return text
    return _translate(text, t, depth=2)


def _translate(text: str, t: Translator, depth: int) -> str:
    for template, pattern in _patterns():
        match = pattern.fullmatch(text)
        if match is None:
            continue
        values = {name: _translate(value, t, depth - 1) if depth else value
                  for name, value in match.groupdict().items()}
        return t.gettext(template, **values)
    return text


@functools.cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each template as a pattern: its placeholders match any text, shortest first.

    Fixed texts come before templates, and templates with more fixed text before those
    with less, so "the server answered 404 Not Found" is read by the template with a
    phrase and "malformed JSON Feed: nested too deeply" by its own text.
    """
    ordered = sorted(dict.fromkeys(REASONS + KNOWN_VALUES), key=lambda tpl: -len(_fixed(tpl)))
    return tuple((tpl, _pattern(tpl)) for tpl in ordered)


def _fixed(template: str) -> str:
    return "".join(literal for literal, _, _, _ in _FIELDS.parse(template))


def _pattern(template: str) -> re.Pattern[str]:
    parts = []
    for literal, name, _, _ in _FIELDS.parse(template):
        parts.append(re.escape(literal))
        if name:
            parts.append(f"(?P<{name}>.+?)")
    return re.compile("".join(parts), re.DOTALL)
