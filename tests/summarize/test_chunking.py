from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digests.summarize.chunking import HARD_LIMIT, SOFT_LIMIT, iter_chunks


def test_short_text_is_one_chunk() -> None:
    assert list(iter_chunks("  One paragraph. Two sentences.  ")) == [
        "One paragraph. Two sentences."
    ]


def test_200_kb_paragraph_is_cut_at_sentence_ends() -> None:
    sentence = "Mr. Smith of the U.S. said prices had risen again in Jan. this year. "
    text = sentence * (200_000 // len(sentence))
    chunks = list(iter_chunks(text))
    assert len(chunks) > 50
    assert all(len(chunk) <= HARD_LIMIT for chunk in chunks)
    assert all(chunk.startswith("Mr. Smith") and chunk.endswith("year.") for chunk in chunks)
    assert " ".join(chunks) == text.strip()


def test_text_without_punctuation_is_cut_at_spaces() -> None:
    text = "word " * 50_000
    chunks = list(iter_chunks(text))
    assert all(len(chunk) <= HARD_LIMIT for chunk in chunks)
    assert all(set(chunk.split()) == {"word"} for chunk in chunks)


def test_text_without_spaces_is_cut_at_the_cap() -> None:
    chunks = list(iter_chunks("x" * 10_000))
    assert [len(chunk) for chunk in chunks] == [HARD_LIMIT, HARD_LIMIT, 2_000]


def test_abbreviations_are_never_cut() -> None:
    text = ("He met Mr. Jones. " * 200) + "the end."
    for chunk in iter_chunks(text, soft=100, hard=400):
        assert not chunk.endswith("Mr.")


def test_bad_limits_are_rejected() -> None:
    with pytest.raises(ValueError, match="soft"):
        list(iter_chunks("text", soft=10, hard=5))


@given(st.text(alphabet=st.sampled_from("ab .Ab\n"), max_size=3_000))
def test_chunks_keep_every_character(text: str) -> None:
    chunks = list(iter_chunks(text, soft=50, hard=120))
    assert all(len(chunk) <= 120 for chunk in chunks)
    assert "".join("".join(chunks).split()) == "".join(text.split())


def test_default_limits_are_ordered() -> None:
    assert 0 < SOFT_LIMIT <= HARD_LIMIT
