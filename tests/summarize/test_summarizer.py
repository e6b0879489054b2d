from __future__ import annotations

import pytest

from digests.summarize import (
    Length,
    UnknownAlgorithm,
    algorithm_names,
    split_sentences,
    summarize,
)
from digests.summarize.summarizer import MAX_RANKED_SENTENCES
from tests.summarize.conftest import ENGLISH_ARTICLE, RUSSIAN_ARTICLE, flatten

ARTICLES = {"en": ENGLISH_ARTICLE, "ru": RUSSIAN_ARTICLE}
TITLES = {"en": "Central bank raises interest rates again", "ru": "ЦБ снова повысил ставку"}


def assert_in_document_order(sentences: tuple[str, ...], text: str) -> None:
    flat = flatten(text)
    positions = [flat.index(sentence) for sentence in sentences]
    assert positions == sorted(positions)


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("algorithm", algorithm_names())
def test_every_algorithm_offline(algorithm: str, language: str) -> None:
    text = ARTICLES[language]
    summary = summarize(
        text, language=language, algorithm=algorithm, length="3", title=TITLES[language]
    )
    assert len(summary.sentences) == 3
    assert summary.total_sentences == 11  # both sample articles have eleven sentences
    assert summary.algorithm == algorithm
    assert summary.language == language
    assert summary.note is None
    assert_in_document_order(summary.sentences, text)


@pytest.mark.parametrize("algorithm", algorithm_names())
def test_character_budget_and_percentage(algorithm: str) -> None:
    budget = summarize(ENGLISH_ARTICLE, language="en", algorithm=algorithm, length="200c")
    assert len(budget.sentences) >= 1
    assert len(" ".join(budget.sentences)) <= 200
    assert_in_document_order(budget.sentences, ENGLISH_ARTICLE)
    share = summarize(
        ENGLISH_ARTICLE, language="en", algorithm=algorithm, length=Length.parse("25%")
    )
    assert len(share.sentences) == share.total_sentences * 25 // 100


def test_language_is_detected_when_not_given() -> None:
    assert summarize(RUSSIAN_ARTICLE, language=None, algorithm="lexrank", length=2).language == "ru"


def test_unsupported_language_falls_back_with_a_note() -> None:
    summary = summarize(ENGLISH_ARTICLE, language="xx", algorithm="edmundson", length="2")
    assert len(summary.sentences) == 2
    assert summary.note is not None
    assert "not supported" in summary.note


@pytest.mark.parametrize("algorithm", algorithm_names())
@pytest.mark.parametrize(
    "text", ["", "   \n\n  ", "Just one sentence.", "2004. 2005. 2006.", "Ok. Yes. No. Fine."]
)
def test_empty_and_tiny_texts_return_what_there_is(algorithm: str, text: str) -> None:
    summary = summarize(text, language="en", algorithm=algorithm, length="2")
    assert len(summary.sentences) <= min(2, summary.total_sentences)
    assert all(sentence in text for sentence in summary.sentences)


def test_short_text_comes_back_whole() -> None:
    summary = summarize("One. Two sentences here.", language="en", algorithm="lsa", length="5")
    assert summary.sentences == ("One.", "Two sentences here.")
    assert summary.kept == "2 of 2 sentences"


def test_chinese_article() -> None:
    text = "央行周四宣布加息。这是今年第三次加息。经济学家对此看法不一。有人认为加息来得太晚。"
    summary = summarize(text, language="zh", algorithm="lexrank", length="2")
    assert summary.total_sentences == 4
    assert all(sentence.endswith("。") for sentence in summary.sentences)
    assert_in_document_order(summary.sentences, text)


def test_unknown_algorithm_and_bad_length() -> None:
    with pytest.raises(UnknownAlgorithm):
        summarize(ENGLISH_ARTICLE, language="en", algorithm="nope", length="3")
    with pytest.raises(ValueError, match="600c"):
        summarize(ENGLISH_ARTICLE, language="en", algorithm="lead", length="three")


@pytest.mark.parametrize("algorithm", ["luhn", "lexrank"])
def test_huge_single_paragraph_summarizes_its_head(algorithm: str) -> None:
    copies = 200_000 // len(ENGLISH_ARTICLE)
    # Each copy's sentences are made unique: repeated sentences are ranked only once.
    paragraph = " ".join(flatten(ENGLISH_ARTICLE).replace(". ", f" in part {i}. ")
                         for i in range(copies))
    summary = summarize(paragraph, language="en", algorithm=algorithm, length="3")
    assert len(summary.sentences) == 3
    assert summary.total_sentences > 1_000
    assert (
        summary.note
        == f"ranked the first {MAX_RANKED_SENTENCES} of {summary.total_sentences} sentences"
    )
    assert_in_document_order(summary.sentences, paragraph)


def test_split_sentences_for_key_points() -> None:
    assert split_sentences("First one. Second one.\n\nThird.", "en") == [
        "First one.",
        "Second one.",
        "Third.",
    ]


NAMED = ("This was announced by Head of the Ukrainian delegation, Head of the Servant of "
         "the People faction David Arakhamia.")
SAID_BY_HE = ('"Today we came up with an official proposal for a new system of security '
              'guarantees for Ukraine," he said.')
AFTER = ("The delegation did not sign any documents during the talks in Istanbul. "
         "Consultations between the guarantor countries would follow within three days.")


def test_he_said_is_named_when_the_sentence_naming_him_is_not_shown() -> None:
    # Story 5 of the Russia–China digest showed `"Today we came up …," he said.` alone.
    summary = summarize(f"{NAMED} {SAID_BY_HE} {AFTER}", language="en", algorithm="lead",
                        length=2)
    assert summary.sentences[0] == (
        "“Today we came up with an official proposal for a new system of security "
        "guarantees for Ukraine” — David Arakhamia")


def test_he_said_stays_as_written_right_after_the_sentence_naming_him() -> None:
    opening = "During the talks in Turkey the Ukrainian party outlined its proposals."
    summary = summarize(f"{opening} {NAMED} {SAID_BY_HE} {AFTER}", language="en",
                        algorithm="lead", length=3)
    assert summary.sentences == (opening, NAMED, SAID_BY_HE)
