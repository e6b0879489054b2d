from __future__ import annotations

import nltk
import pytest

from digests.summarize.chunking import HARD_LIMIT
from digests.summarize.tokenizer import OfflineTokenizer, split_with_pysbd

CASES = [
    ("en", ("The U.S. economy grew 3.5% in the first quarter.", "Analysts had expected less.")),
    ("en", ("Mr. Smith met Dr. Jones on Jan. 5 in Washington.", "They discussed trade.")),
    ("en", ('"We will not back down," the minister said.', "Talks resume on Monday.")),
    ("en", ("The novel by J. R. R. Tolkien sold well.", "Sales rose again in 2004.")),
    ("en", ("He moved to the U.S.", "Then he started a company.")),
    ("en", ('She asked: "Is it over?"', "Nobody answered.")),
    ("en", ('"It is bad."', '"It is worse," he said.', "Then he left.")),
    ("ru", ("В 2004 г. компания выросла на 3,5%.", "Аналитики ждали меньшего.")),
    ("ru", ("Речь идёт о расходах, т.е. о бюджете.", "Депутаты спорят.")),
    ("ru", ("Президент В. В. Путин прибыл в Пекин.", "Его встретил Си Цзиньпин.")),
    ("ru", ("«Мы не отступим», — заявил министр.", "Переговоры продолжатся.")),
    ("de", ("Die Firma wuchs z. B. im Jan. um 3,5 Prozent.", "Analysten waren überrascht.")),
    ("fr", ("M. Dupont est arrivé à Paris.", "Il a parlé aux journalistes.")),
]


@pytest.mark.parametrize(("language", "expected"), CASES)
def test_tricky_sentences_split_right(language: str, expected: tuple[str, ...]) -> None:
    assert OfflineTokenizer(language).to_sentences(" ".join(expected)) == expected


def test_chinese_splits_on_full_stops() -> None:
    text = "今天天气很好。我们去公园吧！你去吗？"
    assert OfflineTokenizer("zh").to_sentences(text) == (
        "今天天气很好。",
        "我们去公园吧！",
        "你去吗？",
    )


def test_chinese_words_are_character_bigrams() -> None:
    assert OfflineTokenizer("zh").to_words("天气很好。") == ("天气", "气很", "很好")


def test_words_drop_numbers_and_punctuation() -> None:
    words = OfflineTokenizer("en").to_words("Don't say the well-known 3.5% figure!")
    assert words == ("Don't", "say", "the", "well-known", "figure")


def test_works_without_punkt(no_nltk_data: object) -> None:
    with pytest.raises(LookupError):
        nltk.sent_tokenize("Punkt is not here. So this fails.")
    assert OfflineTokenizer("en").to_sentences("It works. Without data.") == (
        "It works.",
        "Without data.",
    )


def test_huge_paragraph_gives_bounded_sentences() -> None:
    sentence = "The committee said that prices had risen again in the region. "
    text = sentence * (200_000 // len(sentence))
    sentences = OfflineTokenizer("en").to_sentences(text)
    assert len(sentences) == 200_000 // len(sentence)
    assert max(map(len, sentences)) <= HARD_LIMIT


def test_pysbd_is_a_drop_in_alternative() -> None:
    tokenizer = OfflineTokenizer("en", split_with_pysbd)
    assert tokenizer.to_sentences("Mr. Smith left. He came back.") == (
        "Mr. Smith left.",
        "He came back.",
    )


@pytest.mark.parametrize(("text", "expected"), [
    ("The band led a poll of Kerrang! magazine readers. It won.",
     ("The band led a poll of Kerrang! magazine readers.", "It won.")),
    ('"Why?" he asked. Nobody answered.', ('"Why?" he asked.', "Nobody answered.")),
    ("Stop! Go now.", ("Stop!", "Go now.")),
])
def test_a_lowercase_word_after_an_exclamation_or_question_mark_runs_on(
    text: str, expected: tuple[str, ...]
) -> None:
    assert OfflineTokenizer("en").to_sentences(text) == expected
