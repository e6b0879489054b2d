from __future__ import annotations

import pytest

from digests.summarize.base import Algorithm
from digests.summarize.registry import ALGORITHMS, UnknownAlgorithm, algorithm_names, get_algorithm

EXPECTED = {
    "lead",
    "lexrank",
    "textrank",
    "lsa",
    "luhn",
    "edmundson",
    "kl",
    "sumbasic",
    "reduction",
}


def test_every_required_algorithm_is_registered() -> None:
    assert set(ALGORITHMS) >= EXPECTED
    assert algorithm_names() == ("edmundson", "hybrid", "kl", "lead", "lexrank", "lsa", "luhn",
                                 "reduction", "sumbasic", "textrank")  # menus list them sorted


def test_unknown_algorithm_lists_known_names() -> None:
    with pytest.raises(UnknownAlgorithm, match="lexrank") as error:
        get_algorithm("magic")
    assert error.value.name == "magic"
    assert isinstance(error.value, ValueError)


def test_instances_are_cached_per_language() -> None:
    assert get_algorithm("lexrank", "en") is get_algorithm("LexRank", "en")
    assert get_algorithm("lexrank", "en") is not get_algorithm("lexrank", "ru")
    assert isinstance(get_algorithm("lead", "xx"), Algorithm)
