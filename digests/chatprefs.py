"""A chat's own summary choices (`/settings`), read from the `chats` table.

Shared by the bot's commands and scheduled deliveries so a chat that asked for three
sentences with Luhn gets that everywhere, and values that are no longer valid (an
algorithm removed in a later version) quietly fall back to the defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from digests.store.chats import ChatRepository
from digests.summarize import Length, algorithm_names


@dataclass(frozen=True, slots=True)
class SummaryPrefs:
    """The algorithm and length a chat chose; None where it keeps the default."""

    algorithm: str | None = None
    length: str | None = None


def _valid_length(text: object) -> bool:
    if not isinstance(text, str):
        return False
    try:
        Length.parse(text)
    except ValueError:
        return False
    return True


def prefs_from(stored: Mapping[str, object]) -> SummaryPrefs:
    """The valid choices in a chat's settings mapping."""
    algorithm = stored.get("algorithm")
    length = stored.get("length")
    return SummaryPrefs(
        algorithm if isinstance(algorithm, str) and algorithm in algorithm_names() else None,
        length if isinstance(length, str) and _valid_length(length) else None,
    )


def load_prefs(chats: ChatRepository, chat_id: int) -> SummaryPrefs:
    """The chat's stored choices (defaults for an unknown chat)."""
    info = chats.get(chat_id)
    return prefs_from(info.settings if info is not None else {})
