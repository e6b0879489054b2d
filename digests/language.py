"""A chat's language: what it is called, where it comes from, and what "language first" means.

A chat reads one language (``en``, ``ru``) or all of them (``all``). The same choice
orders what the bot shows (digests, `/summary` picks, search, inline results: the chat's
language first, other languages only after and only where nothing in the chat's language
covers a story) and picks the catalog of the bot's own texts. Articles carry the language
detected at ingest (ISO 639-1, e.g. ``ru``), so comparing codes is all "in the chat's
language" needs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from digests.models import Article

T = TypeVar("T")

ALL_LANGUAGES = "all"
DEFAULT_LANGUAGE = "en"
LOCALES = Path(__file__).parent / "locales"
CATALOG = "LC_MESSAGES/messages.po"


def available_languages() -> tuple[str, ...]:
    """English (the texts' source language) and every language with a message catalog."""
    found = sorted(path.parents[1].name for path in LOCALES.glob(f"*/{CATALOG}"))
    return (DEFAULT_LANGUAGE, *(code for code in found if code != DEFAULT_LANGUAGE))


# Languages the bot speaks and a chat can choose in /settings: adding a catalog adds one.
CHAT_LANGUAGES: tuple[str, ...] = available_languages()
CHOICES: tuple[str, ...] = (*CHAT_LANGUAGES, ALL_LANGUAGES)


def base_language(code: str | None) -> str | None:
    """The primary subtag of a language tag, lower-cased: "ru-RU" and "RU_ru" -> "ru"."""
    if not code:
        return None
    primary = code.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def language_from_code(code: str | None) -> str:
    """A chat's language from a Telegram user's ``language_code`` on first contact.

    Telegram sends an IETF tag ("ru", "ru-RU", "en-GB", sometimes nothing); a language the
    bot has no catalog for gets English, the language every reader of the bot can fall back
    to.
    """
    base = base_language(code)
    return base if base in CHAT_LANGUAGES else DEFAULT_LANGUAGE


def parse_choice(text: object) -> str | None:
    """A stored or typed choice ("ru", "RU", "all", "ru-RU") as a valid one, else None.

    Content languages beyond the bot's catalogs ("uk", "fr") are valid for the CLI's
    ``--lang``: the articles come in them even when the bot does not speak them.
    """
    if not isinstance(text, str) or not text.strip():
        return None
    lowered = text.strip().lower()
    if lowered in (ALL_LANGUAGES, "any", "*"):
        return ALL_LANGUAGES
    return base_language(lowered)


def preferred(language: str | None) -> str | None:
    """The language to put first, or None when a chat reads all languages."""
    if language is None or language == ALL_LANGUAGES:
        return None
    return base_language(language)


def in_language(item_language: str | None, language: str | None) -> bool:
    """Whether an article in `item_language` counts as in the chat's `language`.

    Everything is when the chat reads all languages; an article whose language could not
    be detected is not (it is shown after, like any other foreign one).
    """
    wanted = preferred(language)
    return wanted is None or item_language == wanted


def language_first(
    items: Sequence[T], language: str | None, language_of: Callable[[T], str | None]
) -> list[T]:
    """The items in the chat's language first, then the others, each part in its order.

    A stable partition: ranking within each language is kept, so "language first" is a
    rule about which language a reader sees before the other, never a re-scoring.
    """
    if preferred(language) is None:
        return list(items)
    first = [item for item in items if in_language(language_of(item), language)]
    return first + [item for item in items if not in_language(language_of(item), language)]


def language_tag(item_language: str | None, language: str | None) -> str | None:
    """The short mark ("RU") of an item not in the chat's language, else None.

    In "all languages" mode `language` is the interface language: a reader of an English
    interface still wants to see which stories are Russian.
    """
    wanted = base_language(language)
    if not item_language or wanted is None or item_language == wanted:
        return None
    return item_language.upper()


def covered(group: Sequence[Article], language: str | None) -> bool:
    """Whether a story (its folded articles) has coverage in the chat's language."""
    return any(in_language(article.language, language) for article in group)


def choose_lead(
    group: Sequence[Article], score: Callable[[Article], float], language: str | None
) -> Article:
    """A story's lead: its best-scored article in the chat's language, else its best.

    Cross-language folding puts a Russian and an English report of one event in one story;
    an English reader gets the English one as the lead and the Russian one under "also
    reported by", whichever scored higher. Within that, an article with a publication date
    beats one known only by its ingest time (`digests.undated`), and originals beat
    near-copies on ties.
    """
    pool = [a for a in group if in_language(a.language, language)] or list(group)
    return max(pool, key=lambda a: (a.dated, score(a), a.duplicate_of is None))
