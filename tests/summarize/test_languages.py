from __future__ import annotations

import pytest

from digests.summarize.languages import LANGUAGE_NAMES, detect_language, resolve_language


@pytest.mark.parametrize("code", ["en", "ru", "de", "fr", "es", "it", "pt", "cs", "sk", "uk"])
def test_major_languages_have_stemmer_and_stop_words(code: str) -> None:
    profile = resolve_language(code)
    assert profile.note is None
    assert profile.stop_words
    assert profile.stemmer("word") is not None


def test_russian_stems_and_has_stop_words_without_nltk_data() -> None:
    profile = resolve_language("ru")
    assert profile.stemmer("новостями") == "новост"
    assert {"и", "в", "не"} <= profile.stop_words


def test_unknown_language_falls_back_with_a_note() -> None:
    profile = resolve_language("xx")
    assert profile.name is None
    assert profile.stop_words == frozenset()
    assert profile.stemmer("Words") == "words"
    assert profile.note is not None
    assert "'xx'" in profile.note


def test_partly_supported_language_notes_what_is_missing() -> None:
    profile = resolve_language("bg")
    assert profile.stop_words
    assert profile.note == "no stemmer for bulgarian"


def test_region_subtags_are_ignored() -> None:
    assert resolve_language("pt-BR").name == "portuguese"
    assert resolve_language("EN").code == "en"


def test_every_mapped_language_resolves() -> None:
    for code in LANGUAGE_NAMES:
        assert resolve_language(code).name == LANGUAGE_NAMES[code]


def test_detect_language() -> None:
    assert detect_language("Президент прибыл в Пекин для переговоров.") == "ru"
    assert detect_language("The president arrived in Beijing for talks.") == "en"
    assert detect_language("   ") == "en"


def test_stemmer_needing_a_missing_package_is_skipped_with_a_note() -> None:
    profile = resolve_language("el")  # sumy's Greek stemmer needs greek-stemmer-pos
    assert profile.stop_words
    assert profile.stemmer("Λέξη") == "λέξη"
    assert profile.note == "no stemmer for greek"
