from __future__ import annotations

from collections import namedtuple

import pytest

from digests.summarize.length import Length, Unit

Info = namedtuple("Info", "sentence order rating")


def ranked(*sentences: str) -> list[Info]:
    return [Info(s, i, -i) for i, s in enumerate(sentences)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5", Length(5, Unit.SENTENCES)),
        (" 20% ", Length(20, Unit.PERCENT)),
        ("600c", Length(600, Unit.CHARACTERS)),
        ("600C", Length(600, Unit.CHARACTERS)),
    ],
)
def test_parse(text: str, expected: Length) -> None:
    assert Length.parse(text) == expected


@pytest.mark.parametrize("text", ["", "five", "-3", "2.5", "0", "101%", "5 sentences", "%", "c",
                                  "٣", "１%", "²c"])
def test_bad_lengths_say_what_is_accepted(text: str) -> None:
    with pytest.raises(ValueError, match=r"summary length|at least 1|at most 100"):
        Length.parse(text)


def test_round_trip_and_coerce() -> None:
    for text in ("5", "20%", "600c"):
        assert str(Length.parse(text)) == text
    assert Length.coerce(3) == Length(3)
    assert Length.coerce("40%") == Length(40, Unit.PERCENT)


def test_sentence_count_takes_best_first() -> None:
    assert [i.sentence for i in Length(2)(ranked("a", "b", "c"))] == ["a", "b"]


def test_percentage_keeps_at_least_one() -> None:
    assert len(Length(10, Unit.PERCENT)(ranked("a", "b", "c"))) == 1
    assert len(Length(50, Unit.PERCENT)(ranked(*"abcdefgh"))) == 4


def test_character_budget_skips_what_does_not_fit() -> None:
    picked = Length(12, Unit.CHARACTERS)(ranked("aaaaa", "bbbbbbbbbb", "ccccc"))
    assert [i.sentence for i in picked] == ["aaaaa", "ccccc"]  # "aaaaa ccccc" is 11 chars


def test_character_budget_keeps_the_best_when_nothing_fits() -> None:
    picked = Length(3, Unit.CHARACTERS)(ranked("too long", "also long"))
    assert [i.sentence for i in picked] == ["too long"]
