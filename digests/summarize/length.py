"""How long a summary should be: a sentence count, a share of sentences, or a character budget.

A `Length` is also the selector sumy's summarizers accept in place of a count: every sumy
algorithm rates the sentences, sorts them best first and hands that list to
`sentences_count` when it is callable. Selecting there means a character budget is filled
with the best-ranked sentences that fit, without a second ranking pass.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from digests.i18n import N_, InvalidValueError
from digests.quoting import quoted

_SYNTAX = re.compile(r"^\s*(?P<value>[0-9]+)\s*(?P<unit>%|c|)\s*$", re.IGNORECASE)


class Unit(enum.StrEnum):
    """What a `Length` counts."""

    SENTENCES = "sentences"
    PERCENT = "percent"
    CHARACTERS = "characters"


@dataclass(frozen=True, slots=True)
class Length:
    """A summary length; parse user text with `Length.parse`.

    Attributes:
        value: How many sentences, which percentage, or how many characters.
        unit: What `value` counts.
    """

    value: int
    unit: Unit = Unit.SENTENCES

    def __post_init__(self) -> None:
        if self.value < 1:
            raise InvalidValueError(N_("summary length must be at least 1, got {value}"),
                                    value=self.value)
        if self.unit is Unit.PERCENT and self.value > 100:
            raise InvalidValueError(N_("a percentage must be at most 100, got {value}%"),
                                    value=self.value)

    @classmethod
    def parse(cls, text: str) -> Length:
        """Read "5", "20%" or "600c".

        Raises:
            ValueError: With the accepted forms when `text` is none of them.
        """
        match = _SYNTAX.match(text)
        if match is None:
            raise InvalidValueError(N_('bad summary length {text}: expected a sentence count '
                                       '("5"), a percentage ("20%") or a character budget '
                                       '("600c")'), text=quoted(text))
        unit = {"": Unit.SENTENCES, "%": Unit.PERCENT, "c": Unit.CHARACTERS}
        return cls(int(match["value"]), unit[match["unit"].lower()])

    @classmethod
    def coerce(cls, length: Length | str | int) -> Length:
        """Accept a `Length`, its text form, or a plain sentence count."""
        if isinstance(length, Length):
            return length
        if isinstance(length, int):
            return cls(length)
        return cls.parse(length)

    def __str__(self) -> str:
        suffix = {Unit.SENTENCES: "", Unit.PERCENT: "%", Unit.CHARACTERS: "c"}
        return f"{self.value}{suffix[self.unit]}"

    def __call__(self, ranked: Sequence[Any]) -> Sequence[Any]:
        """Pick from sumy's best-first `SentenceInfo` list; sumy restores document order.

        A percentage keeps at least one sentence, like sumy's own `ItemsCount`. A character
        budget keeps the best-ranked sentences whose total length, joined by single spaces,
        fits; when even the best one does not fit, it is kept alone, because an empty
        summary helps nobody.
        """
        if self.unit is Unit.SENTENCES:
            return ranked[: self.value]
        if self.unit is Unit.PERCENT:
            return ranked[: max(1, len(ranked) * self.value // 100)]
        return _fit_budget(ranked, self.value)


def _fit_budget(ranked: Sequence[Any], budget: int) -> Sequence[Any]:
    """Greedily keep best-ranked sentences while their joined length stays within budget."""
    kept: list[Any] = []
    used = -1  # no separator before the first sentence
    for info in ranked:
        size = len(str(info.sentence)) + 1
        if used + size <= budget:
            kept.append(info)
            used += size
    return kept if kept or not ranked else [ranked[0]]
