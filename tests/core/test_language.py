"""A chat's language: codes, choices, and language-first digests and search orders."""

from dataclasses import replace
from datetime import timedelta

import pytest

from digests.digest import DigestRequest, build_digest
from digests.language import (
    choose_lead,
    language_first,
    language_from_code,
    language_tag,
    parse_choice,
)
from digests.models import SearchHit
from tests.core.test_digest import FLOOD, NOW, SUMMIT, SUMMIT_REWRITE, article, first_sentence


@pytest.mark.parametrize(("code", "language"), [
    ("ru", "ru"), ("ru-RU", "ru"), ("RU_ru", "ru"), ("en-GB", "en"), ("en", "en"),
    ("fr", "en"), ("uk", "en"), ("", "en"), (None, "en"), ("x-klingon", "en"), ("123", "en"),
])
def test_first_contact_language_from_telegram_code(code: str | None, language: str) -> None:
    assert language_from_code(code) == language


@pytest.mark.parametrize(("text", "choice"), [
    ("ru", "ru"), ("RU", "ru"), ("ru-RU", "ru"), ("all", "all"), ("ALL", "all"), ("any", "all"),
    ("uk", "uk"), ("", None), (None, None), ("русский", None), ("e", None), (3, None),
])
def test_choices_parse_or_are_refused(text: object, choice: str | None) -> None:
    assert parse_choice(text) == choice


def test_language_first_is_a_stable_partition() -> None:
    items = [("a", "ru"), ("b", "en"), ("c", "ru"), ("d", None), ("e", "en")]
    assert [i for i, _ in language_first(items, "en", lambda x: x[1])] == ["b", "e", "a", "c", "d"]
    assert [i for i, _ in language_first(items, "ru", lambda x: x[1])] == ["a", "c", "b", "d", "e"]
    assert language_first(items, "all", lambda x: x[1]) == items
    assert language_first(items, None, lambda x: x[1]) == items


def test_tags_mark_only_other_languages() -> None:
    assert language_tag("ru", "en") == "RU"
    assert language_tag("en", "en") is None
    assert language_tag(None, "en") is None
    assert language_tag("zh", "ru") == "ZH"


def test_lead_is_in_the_chat_language_when_one_exists() -> None:
    ru, en = replace(article(1, SUMMIT), language="ru"), article(2, SUMMIT_REWRITE)
    scores = {1: 1.0, 2: 0.2}
    assert choose_lead([ru, en], lambda a: scores[a.id], "en").id == 2
    assert choose_lead([ru, en], lambda a: scores[a.id], "ru").id == 1
    assert choose_lead([ru, en], lambda a: scores[a.id], "all").id == 1
    assert choose_lead([ru], lambda a: scores[a.id], "en").id == 1


def _digest(language: str | None) -> tuple[list[tuple[int, str | None]], list[str]]:
    summit_ru = replace(article(1, SUMMIT, source="RIA"), language="ru",
                        text="Си Цзиньпин прибыл в Москву. " + SUMMIT)
    flood_ru = replace(article(2, FLOOD, source="TASS"), language="ru")
    summit_en = article(3, SUMMIT_REWRITE, source="Wire")
    hits = [SearchHit(summit_ru, 9.0), SearchHit(flood_ru, 8.0), SearchHit(summit_en, 1.0)]
    request = DigestRequest(title="T", query="q", since=NOW - timedelta(days=7), until=NOW,
                            language=language)
    digest = build_digest(request, hits, summarize=first_sentence, now=NOW)
    leads = [(s.lead.id, s.lead.language) for s in digest.stories]
    return leads, list(digest.key_points)


def test_digest_puts_the_chat_language_first_and_keeps_key_points_in_it() -> None:
    leads, points = _digest("en")
    assert leads == [(3, "en"), (2, "ru")]  # the summit folded: its English report leads
    assert points
    assert all("Си" not in p for p in points)
    assert set(points) <= set(first_sentence(article(3, SUMMIT_REWRITE)).sentences)


def test_digest_in_russian_and_in_all_languages() -> None:
    assert _digest("ru")[0] == [(1, "ru"), (2, "ru")]
    leads, _ = _digest("all")
    assert leads == [(1, "ru"), (2, "ru")]
    assert _digest(None)[0] == leads
