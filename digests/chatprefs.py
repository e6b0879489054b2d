"""A chat's own summary and language choices (`/settings`), read from the `chats` table.

Shared by the bot's commands and scheduled deliveries so a chat that asked for three
sentences with Luhn gets that everywhere, and values that are no longer valid (an
algorithm removed in a later version) quietly fall back to the defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from digests.language import (
    ALL_LANGUAGES,
    CHAT_LANGUAGES,
    DEFAULT_LANGUAGE,
    language_from_code,
    parse_choice,
)
from digests.store.chats import ChatRepository
from digests.summarize import Length, algorithm_names


@dataclass(frozen=True, slots=True)
class SummaryPrefs:
    """The algorithm and length a chat chose; None where it keeps the default.

    `language` is what the chat reads first ("en", "ru" or "all"; None until the chat's
    first contact stored one), `interface` the catalog of the bot's own texts: the chat's
    language, or, for "all", the one it spoke before (English by default).
    """

    algorithm: str | None = None
    length: str | None = None
    language: str | None = None
    interface: str = DEFAULT_LANGUAGE


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
    language = parse_choice(stored.get("language"))
    interface = stored.get("interface")
    if interface not in CHAT_LANGUAGES:
        interface = language if language in CHAT_LANGUAGES else DEFAULT_LANGUAGE
    return SummaryPrefs(
        algorithm if isinstance(algorithm, str) and algorithm in algorithm_names() else None,
        length if isinstance(length, str) and _valid_length(length) else None,
        language if language in (*CHAT_LANGUAGES, ALL_LANGUAGES) else None,
        str(interface),
    )


def language_settings(choice: str) -> dict[str, str]:
    """The settings keys a language choice writes: "all" keeps the interface it had."""
    if choice == ALL_LANGUAGES:
        return {"language": ALL_LANGUAGES}
    return {"language": choice, "interface": choice}


def load_prefs(chats: ChatRepository, chat_id: int) -> SummaryPrefs:
    """The chat's stored choices (defaults for an unknown chat)."""
    info = chats.get(chat_id)
    return prefs_from(info.settings if info is not None else {})


def first_contact(chats: ChatRepository, chat_id: int, type_: str, language_code: str | None,
                  *, title: str | None = None, username: str | None = None) -> SummaryPrefs:
    """The chat's choices; a chat that has no language yet takes its user's.

    The first person the bot hears from in a chat sets its language from their Telegram
    app's ``language_code`` ("ru-RU" -> ru, one the bot does not speak -> en). It is stored
    once: changing the app's language later, or another member of a group writing, does
    not override what the chat has (or chose in /settings).
    """
    info = chats.get(chat_id) or chats.upsert(chat_id, type_, title=title, username=username)
    prefs = prefs_from(info.settings)
    if prefs.language is not None:
        return prefs
    for key, value in language_settings(language_from_code(language_code)).items():
        chats.set_setting(chat_id, key, value)
    return load_prefs(chats, chat_id)


def adopt_language(chats: ChatRepository, chat_id: int, from_chat_id: int | None) -> None:
    """A chat nobody writes in (a channel) takes the language of the chat managing it.

    A channel has no first contact: the bot never hears a member's app there. The admin
    who subscribes it from their private chat with the bot reads that chat's language, and
    so, from then on, do the channel's digests and alerts; a language the channel already
    has is kept.
    """
    if from_chat_id is None or load_prefs(chats, chat_id).language is not None:
        return
    chosen = load_prefs(chats, from_chat_id)
    if chosen.language is None:
        return
    chats.set_setting(chat_id, "language", chosen.language)
    chats.set_setting(chat_id, "interface", chosen.interface)
