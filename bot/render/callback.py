"""Compact `callback_data` for inline buttons, always 1-64 bytes, and its decoding.

Formats (ASCII only, so characters and bytes agree):

* ``a:<article id>`` opens an article's summary; ids up to 2**63-1 take 21 bytes.
* ``sub:<topic token>`` subscribes the current chat to a topic (see `bot.render.tokens`).
* ``s:<query key>:<page>`` shows a page of search results.
* ``noop`` answers a press on a label-only button (the page counter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.render.tokens import TOKEN_RE, topic_token

MAX_CALLBACK_BYTES = 64
MAX_ARTICLE_ID = 2**63 - 1
MAX_PAGE = 99_999
NOOP = "noop"
_SEARCH_RE = re.compile(r"s:([A-Za-z0-9_-]{1,16}):([1-9][0-9]{0,4})")
_ARTICLE_RE = re.compile(r"a:(0|[1-9][0-9]{0,18})")


@dataclass(frozen=True, slots=True)
class OpenArticle:
    """The user asked for an article's summary."""

    article_id: int


@dataclass(frozen=True, slots=True)
class Subscribe:
    """The user asked to subscribe this chat; resolve the token with `resolve_topic_token`."""

    topic_token: str


@dataclass(frozen=True, slots=True)
class SearchPage:
    """The user turned to another page of a search."""

    query_key: str
    page: int


@dataclass(frozen=True, slots=True)
class Noop:
    """A press on a button that only shows information."""


Callback = OpenArticle | Subscribe | SearchPage | Noop


def article_data(article_id: int) -> str:
    """Encode "open this article" for a button."""
    if not 0 <= article_id <= MAX_ARTICLE_ID:
        raise ValueError(f"article id out of range: {article_id}")
    return _checked(f"a:{article_id}")


def subscribe_data(topic_name: str) -> str:
    """Encode "subscribe this chat to the topic" for a button; any topic name fits."""
    return _checked(f"sub:{topic_token(topic_name)}")


def search_page_data(key: str, page: int) -> str:
    """Encode "show page `page` of the search with this key" for a button."""
    if not 1 <= page <= MAX_PAGE:
        raise ValueError(f"page out of range: {page}")
    return _checked(f"s:{key}:{page}")


def _checked(data: str) -> str:
    if not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES or decode_callback(data) is None:
        raise ValueError(f"cannot encode callback data {data!r}")
    return data


def decode_callback(data: str) -> Callback | None:
    """Decode callback data from a button press; None for anything we did not produce.

    Callback data comes back from the client, so it is parsed as untrusted input.
    """
    if data == NOOP:
        return Noop()
    if match := _ARTICLE_RE.fullmatch(data):
        article_id = int(match.group(1))
        return OpenArticle(article_id) if article_id <= MAX_ARTICLE_ID else None
    if match := _SEARCH_RE.fullmatch(data):
        return SearchPage(match.group(1), int(match.group(2)))
    if data.startswith("sub:") and TOKEN_RE.fullmatch(data[4:]):
        return Subscribe(data[4:])
    return None
