"""What makes an article really about a named topic, decided per language.

A topic's query finds candidates in the store (FTS5 or tsvector, ranked by the engine);
a topic's rules then judge each candidate on its own words, in Python, so the decision is
the same on every backend and does not depend on an engine's score scale. Rules are per
language because a word means different things in different languages: the French "mars"
is a month, not a planet, so the Space topic's French rules simply do not list it.

For an article in language L the topic's rules for L give each listed term a weight
(negative for terms that argue against the topic), count its mentions (a mention in the
title counts as `TITLE_MENTIONS`, and at most `MAX_MENTIONS` count), and sum weight x
mentions. The sum is divided by the square root of the body's length in units of
`LENGTH_UNIT` words (short articles are not divided): a reader calls an article "about
COVID-19" when the pandemic is a good part of it, not when a long transcript mentions it in
passing. The article belongs to the topic when every `require` group has at least one
mention and the score reaches the floor. A topic
with rules but none for L matches no article in L: a language the topic was not written
for is not guessed at.

Terms: `word` (a whole word), `prefix*` (`украин*`), `two words` (a phrase, in order),
and Chinese or Japanese text, matched as a substring since those scripts have no spaces.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from digests.cjk import count_cjk, has_cjk

TITLE_MENTIONS = 3
MAX_MENTIONS = 5
LENGTH_UNIT = 300
_WORD_RE = re.compile(r"\w+", re.UNICODE)


class RulesError(ValueError):
    """A topic's rules table is malformed."""


@dataclass(frozen=True, slots=True)
class Pattern:
    """One term of a rule: words in order (last one maybe a prefix), or a CJK substring."""

    words: tuple[str, ...]
    prefix: bool = False
    cjk: str = ""

    @classmethod
    def parse(cls, raw: str) -> Pattern:
        """Read `word`, `prefix*`, `a phrase` or a CJK string; raise RulesError if empty."""
        text = raw.strip().lower()
        if has_cjk(text):
            return cls((), cjk=text)
        words = tuple(_WORD_RE.findall(text))
        if not words:
            raise RulesError(f"term {raw!r} has no words")
        return cls(words, prefix=text.endswith("*"))

    def count(self, words: Counter[str], sequence: list[str], raw: str) -> int:
        """Mentions of the pattern in a text given as word counts, word list and raw text."""
        if self.cjk:
            return raw.count(self.cjk)
        if len(self.words) == 1:
            word = self.words[0]
            if not self.prefix:
                return words.get(word, 0)
            return sum(n for token, n in words.items() if token.startswith(word))
        return self._count_phrase(sequence)

    def _count_phrase(self, sequence: list[str]) -> int:
        head, size = self.words[:-1], len(self.words)
        last = self.words[-1]
        found = 0
        for start in range(len(sequence) - size + 1):
            if tuple(sequence[start:start + size - 1]) != head:
                continue
            token = sequence[start + size - 1]
            found += token.startswith(last) if self.prefix else token == last
        return found


@dataclass(frozen=True, slots=True)
class LanguageRules:
    """A topic's rules in one language: weighted terms, required groups, a floor."""

    weights: tuple[tuple[Pattern, float], ...]
    require: tuple[tuple[Pattern, ...], ...] = ()
    floor: float = 1.0


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an article was judged: its score, the floor and whether each requirement held."""

    score: float
    floor: float
    required_met: bool

    @property
    def relevant(self) -> bool:
        """On topic: every required group mentioned and the score at or above the floor."""
        return self.required_met and self.score >= self.floor


class _Text:
    """An article's title and text, tokenized once for every pattern."""

    def __init__(self, text: str) -> None:
        self.raw = text.lower()
        self.sequence = _WORD_RE.findall(self.raw)
        self.counts = Counter(self.sequence)
        cjk = count_cjk(self.raw)
        # A run of Han characters is one \w+ match; count such text as two characters a word.
        self.length = len(self.sequence) + cjk / 2 if cjk else float(len(self.sequence))

    def count(self, pattern: Pattern) -> int:
        return pattern.count(self.counts, self.sequence, self.raw)


@dataclass(frozen=True, slots=True)
class TopicRules:
    """Per-language rules of one topic; `languages` pairs a language code with its rules."""

    languages: tuple[tuple[str, LanguageRules], ...]

    def for_language(self, language: str | None) -> LanguageRules | None:
        """The rules for `language`, or None when the topic has none in it (or it is unknown)."""
        return next((rules for code, rules in self.languages if code == language), None)

    def judge(self, title: str, text: str, language: str | None,
              floor: float | None = None) -> Evidence | None:
        """Score an article; None when the topic has no rules in its language.

        Args:
            title: the article's title; its mentions count `TITLE_MENTIONS` times.
            text: the article's body.
            language: the article's language code, which picks the rules.
            floor: a floor to use instead of the configured one (for tuning).
        """
        rules = self.for_language(language)
        if rules is None:
            return None
        head, body = _Text(title), _Text(text)

        def mentions(pattern: Pattern) -> int:
            return min(MAX_MENTIONS, TITLE_MENTIONS * head.count(pattern) + body.count(pattern))

        total = sum(weight * mentions(pattern) for pattern, weight in rules.weights)
        score = total / math.sqrt(max(1.0, body.length / LENGTH_UNIT))
        met = all(any(mentions(p) for p in group) for group in rules.require)
        return Evidence(score, rules.floor if floor is None else floor, met)

    def accepts(self, title: str, text: str, language: str | None) -> bool:
        """True when the article is on topic under its language's rules."""
        evidence = self.judge(title, text, language)
        return evidence is not None and evidence.relevant


def parse_rules(table: Mapping[str, Any], origin: str) -> TopicRules:
    """Read a topic's `[topics.<name>.match]` table.

    Shape: an optional `floor` for every language, then one sub-table per language code
    with `terms` (term -> weight), optional `require` (a list of term lists, each needing
    one mention) and an optional `floor` of its own.

    Raises:
        RulesError: a value has the wrong type or a term has no words.
    """
    default_floor = _number(table.get("floor", 1.0), f"{origin}: floor")
    languages: list[tuple[str, LanguageRules]] = []
    for code, entry in table.items():
        if code == "floor":
            continue
        if not isinstance(entry, dict) or not isinstance(entry.get("terms"), dict):
            raise RulesError(f"{origin}: language {code!r} needs a terms table")
        weights = tuple(
            (Pattern.parse(term), _number(weight, f"{origin}.{code}: weight of {term!r}"))
            for term, weight in entry["terms"].items()
        )
        groups = entry.get("require", [])
        if not isinstance(groups, list) or not all(isinstance(g, list) for g in groups):
            raise RulesError(f"{origin}.{code}: require must be a list of term lists")
        require = tuple(tuple(Pattern.parse(str(term)) for term in group) for group in groups)
        floor = _number(entry.get("floor", default_floor), f"{origin}.{code}: floor")
        languages.append((code, LanguageRules(weights, require, floor)))
    if not languages:
        raise RulesError(f"{origin}: rules name no language")
    return TopicRules(tuple(languages))


def _number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RulesError(f"{what} must be a number")
    return float(value)
