"""Proper-name keys across scripts: what matches, and what is left out on purpose."""

import pytest

from digests.names import name_key, name_keys


@pytest.mark.parametrize(
    "text",
    [
        "The player Brittney Griner was freed.",
        "Освобождена баскетболистка Бриттни Грайнер.",  # Russian: -ай- where English has -i-
        "Звільнено баскетболістку Бріттні Грінер.",  # Ukrainian
        "La joueuse Brittney Griner a été libérée.",
    ],
)
def test_one_name_in_three_scripts_gives_the_same_keys(text: str) -> None:
    assert {"brtt", "grnr"} <= name_keys(text)


def test_declension_endings_do_not_change_the_key() -> None:
    assert name_key("Блинкен") == name_key("Блинкена") == name_key("Blinken") == "blnk"


def test_sentence_starts_and_lower_case_words_are_not_names() -> None:
    assert name_keys("Yesterday the minister spoke. Tomorrow parliament votes.") == frozenset()


def test_gazetteer_words_are_left_to_the_gazetteer() -> None:
    # Putin, Russian and Crimean are entities already; Montana is not listed.
    assert name_keys("Officials said Putin, the Russian leader, flew over Montana.") == {"mntn"}


def test_short_skeletons_and_chinese_are_skipped() -> None:
    assert name_key("Bout") is None  # "bt" would match too much
    assert name_keys("据报道，格里纳 已获释。The player Ana Bout left.") == frozenset()
