"""Deep links that open an article's summary or a topic's digest in a private chat.

`https://t.me/<bot>?start=<payload>` delivers the payload to `/start`; Telegram allows only
`[A-Za-z0-9_-]` and 64 characters, so payloads are `a_<article id>` and `t_<topic token>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.render.callback import MAX_ARTICLE_ID
from bot.render.tokens import TOKEN_RE, topic_token

PAYLOAD_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
_USERNAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")
_ARTICLE_RE = re.compile(r"a_(0|[1-9][0-9]{0,18})")


@dataclass(frozen=True, slots=True)
class ArticleLink:
    """The payload named an article."""

    article_id: int


@dataclass(frozen=True, slots=True)
class TopicLink:
    """The payload named a topic; resolve the token with `resolve_topic_token`."""

    topic_token: str


def article_payload(article_id: int) -> str:
    """Return the `/start` payload that opens an article's summary."""
    if not 0 <= article_id <= MAX_ARTICLE_ID:
        raise ValueError(f"article id out of range: {article_id}")
    return f"a_{article_id}"


def topic_payload(topic_name: str) -> str:
    """Return the `/start` payload that opens a topic's digest; any topic name fits."""
    return f"t_{topic_token(topic_name)}"


def deep_link(bot_username: str, payload: str) -> str:
    """Build `https://t.me/<bot>?start=<payload>`.

    Raises:
        ValueError: when the username or payload is not what Telegram accepts.
    """
    username = bot_username.removeprefix("@")
    if not _USERNAME_RE.fullmatch(username):
        raise ValueError(f"not a bot username: {bot_username!r}")
    if not PAYLOAD_RE.fullmatch(payload):
        raise ValueError(f"not a deep-link payload: {payload!r}")
    return f"https://t.me/{username}?start={payload}"


def parse_payload(payload: str) -> ArticleLink | TopicLink | None:
    """Decode a `/start` payload; None when it is empty or not one of ours."""
    if match := _ARTICLE_RE.fullmatch(payload):
        article_id = int(match.group(1))
        return ArticleLink(article_id) if article_id <= MAX_ARTICLE_ID else None
    if payload.startswith("t_") and TOKEN_RE.fullmatch(payload[2:]):
        return TopicLink(payload[2:])
    return None
