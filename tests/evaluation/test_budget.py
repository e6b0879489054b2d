import pytest

from digests.evaluation.budget import Budget, count_words, parse_budget, select

SENTENCES = ["one two three", "four five", "six seven eight nine ten", "eleven"]


def test_parse_budget_forms() -> None:
    assert parse_budget("ref-sentences") == Budget("ref-sentences")
    assert parse_budget("REF-WORDS") == Budget("ref-words")
    assert parse_budget(3) == Budget("fixed", 3)
    assert str(parse_budget("7")) == "7"


@pytest.mark.parametrize("bad", ["0", "-2", "words", "3.5", "", "²", "٣", "１", "1_0"])
def test_parse_budget_rejects_bad_values(bad: str) -> None:
    with pytest.raises(ValueError, match="bad budget"):
        parse_budget(bad)


def test_ref_sentences_takes_as_many_as_the_reference_in_document_order() -> None:
    chosen = select([2, 0, 1, 3], SENTENCES, ["a.", "b."], Budget("ref-sentences"))
    assert chosen == [0, 2]


def test_fixed_budget_and_short_rankings() -> None:
    assert select([3, 1], SENTENCES, [], Budget("fixed", 3)) == [1, 3]


def test_ref_words_stops_at_first_overflow_without_skipping_ahead() -> None:
    reference = ["alpha beta gamma delta epsilon zeta"]  # 6 words
    # 2 + 3 = 5 fits; the 5-word sentence would overflow, so stop (do not take "eleven").
    assert select([1, 0, 2, 3], SENTENCES, reference, Budget("ref-words")) == [0, 1]


def test_ref_words_always_takes_the_first_sentence() -> None:
    assert select([2, 0], SENTENCES, ["tiny"], Budget("ref-words")) == [2]


def test_words_are_word_character_runs() -> None:
    assert count_words("It's $10.9bn, up 5%.") == 6
