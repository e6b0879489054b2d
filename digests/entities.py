"""Language-independent evidence for story folding: a small multilingual gazetteer.

One-sentence briefs of one event in English, Russian, Ukrainian, Chinese and French share
no words, so TF-IDF cannot fold them. What they do share is *what* they name: the same
people, places, organisations and kind of event (Путина / Putin / 普京 / Poutine). The
bundled `entities.toml` maps such aliases to canonical ids; `find_entities` returns the ids
an article's text names, and `shared_specific` counts the shared ids that say more than a
country (most world news names Russia, the US or China). How much each shared id is worth
is left to the caller: folding weighs ids by how rare they are among the articles folded.

Matching is deliberately simple and predictable, and needs no model: text is case-folded
(ё read as е); CJK aliases match as plain substrings (Chinese has no spaces); other aliases
match whole words at their start, each word allowed up to `INFLECTION` more letters so that
one stem covers inflections (путин -> путина, путину; bridge -> bridges). Words of three
letters or fewer must match exactly, so abbreviations (оон, usa) do not match inside words.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from digests.cjk import has_cjk

INFLECTION = 3
"""Letters an alias word may be followed by inside one word (case endings, plurals)."""

KINDS = frozenset({"country", "person", "place", "org", "event"})
"""The tables of entities.toml; a shared country is weak evidence, the others are specific."""

_WORD_RE = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Aliases compiled for matching, and the kind of every canonical id.

    `words` maps an alias's first word to (all its words, id) pairs; `cjk` lists
    substring aliases with their ids; `alias_words` holds every word of every non-CJK
    alias, so that other code can tell a listed word from an unlisted name.
    """

    kinds: Mapping[str, str]
    words: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]
    cjk: tuple[tuple[str, str], ...]
    alias_words: frozenset[str] = frozenset()


def normalize(text: str) -> str:
    """Case-folded NFC text with ё as е, the form aliases are written in."""
    return unicodedata.normalize("NFC", text).casefold().replace("ё", "е")


def parse_gazetteer(data: Mapping[str, Mapping[str, Iterable[str]]]) -> Gazetteer:
    """Build a `Gazetteer` from {kind: {id: [aliases]}} (the layout of entities.toml).

    Raises:
        ValueError: on an unknown kind, an id listed under two kinds, or an empty alias.
    """
    kinds: dict[str, str] = {}
    words: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    cjk: list[tuple[str, str]] = []
    for kind, entries in data.items():
        if kind not in KINDS:
            raise ValueError(f"unknown entity kind {kind!r}")
        for entity, aliases in entries.items():
            if entity in kinds:
                raise ValueError(f"entity {entity!r} is listed twice")
            kinds[entity] = kind
            for alias in aliases:
                form = normalize(alias).strip()
                if has_cjk(form):
                    cjk.append((form, entity))
                    continue
                parts = tuple(_WORD_RE.findall(form))
                if not parts:
                    raise ValueError(f"empty alias for {entity!r}")
                words.setdefault(parts[0], []).append((parts, entity))
    return Gazetteer(
        kinds=kinds,
        words={first: tuple(entries) for first, entries in words.items()},
        cjk=tuple(cjk),
        alias_words=frozenset(word for entries in words.values() for parts, _ in entries
                              for word in parts),
    )


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The bundled gazetteer, parsed once per process."""
    text = resources.files("digests").joinpath("entities.toml").read_text(encoding="utf-8")
    return parse_gazetteer(tomllib.loads(text))


def _stems(token: str) -> list[str]:
    """The forms an alias word may take to match `token`: itself and prefixes of it."""
    shortest = max(len(token) - INFLECTION, 4)
    return [token] + [token[:end] for end in range(len(token) - 1, shortest - 1, -1)]


def _word_matches(alias_word: str, token: str) -> bool:
    if len(alias_word) <= 3:
        return alias_word == token
    return token.startswith(alias_word) and len(token) - len(alias_word) <= INFLECTION


def find_entities(text: str, gazetteer: Gazetteer | None = None) -> frozenset[str]:
    """Canonical ids of the gazetteer entities that `text` names."""
    gazetteer = gazetteer or default_gazetteer()
    folded = normalize(text)
    found = {entity for alias, entity in gazetteer.cjk if alias in folded}
    tokens = _WORD_RE.findall(folded)
    for i, token in enumerate(tokens):
        for stem in _stems(token):
            for parts, entity in gazetteer.words.get(stem, ()):
                if entity in found or not _word_matches(parts[0], token):
                    continue
                rest = tokens[i + 1 : i + len(parts)]
                if len(rest) == len(parts) - 1 and all(
                    _word_matches(word, tok) for word, tok in zip(parts[1:], rest, strict=True)
                ):
                    found.add(entity)
    return frozenset(found)


def covers(token: str, gazetteer: Gazetteer | None = None) -> bool:
    """Whether one word is (an inflection of) a word of some alias: Russian, Путина, Crimean."""
    gazetteer = gazetteer or default_gazetteer()
    folded = normalize(token)
    return any(
        stem in gazetteer.alias_words and _word_matches(stem, folded) for stem in _stems(folded)
    )


def specific_entities(
    entities: frozenset[str], gazetteer: Gazetteer | None = None
) -> frozenset[str]:
    """The ids of `entities` that are not countries (what `shared_specific` counts)."""
    gazetteer = gazetteer or default_gazetteer()
    return frozenset(e for e in entities if gazetteer.kinds[e] != "country")


def shared_specific(
    a: frozenset[str], b: frozenset[str], gazetteer: Gazetteer | None = None
) -> int:
    """How many ids two entity sets share that are not countries.

    Two different events in one country share only the country, however rare it is among
    the articles at hand, so folding asks for at least one more specific shared id.
    """
    gazetteer = gazetteer or default_gazetteer()
    return sum(1 for e in a & b if gazetteer.kinds[e] != "country")
