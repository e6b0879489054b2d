"""Short, URL- and button-safe tokens for topic names and search queries.

Callback data is limited to 64 bytes and deep-link payloads to 64 characters of
`[A-Za-z0-9_-]`, while topic names may be 64 characters of anything and queries far longer.
A topic name that is already short and safe is its own token, so buttons and links stay
readable (`sub:russia-china`, `t_russia-china`); any other name becomes `_` plus a hash of it.
Plain tokens start with a letter or digit and hashed ones with `_`, so the two cannot collide,
and a hashed token is turned back into a name by looking it up among the known topics.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

MAX_PLAIN_TOPIC_CHARS = 48
_PLAIN_TOPIC_RE = re.compile(rf"[A-Za-z0-9][A-Za-z0-9_-]{{0,{MAX_PLAIN_TOPIC_CHARS - 1}}}")
_HASH_CHARS = 11  # 66 bits: collisions among a few hundred topics are out of the question
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{1,49}")


def _digest(text: str, chars: int) -> str:
    raw = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
    return base64.urlsafe_b64encode(raw).decode("ascii")[:chars]


def topic_token(name: str) -> str:
    """Return the token for a topic name: the name itself when short and safe, else `_<hash>`."""
    if _PLAIN_TOPIC_RE.fullmatch(name):
        return name
    return "_" + _digest(name, _HASH_CHARS)


def resolve_topic_token(token: str, names: Iterable[str]) -> str | None:
    """Find the topic among `names` that `token` stands for, or None if none does."""
    for name in names:
        if topic_token(name) == token:
            return name
    return None


def query_key(query: str) -> str:
    """Return a 10-character key for a search query, for paging buttons.

    The query itself can be 1,000 characters, so buttons carry this key and the handler keeps
    the key-to-query mapping (for example in `chat_data`). Whitespace and case are normalised
    so the same search typed twice shares a key.
    """
    return _digest(" ".join(query.casefold().split()), 10)
