"""The gazetteer behind cross-language folding: aliases, inflections, and what it ignores."""

import tomllib
from importlib import resources

import pytest

from digests.entities import (
    covers,
    default_gazetteer,
    find_entities,
    normalize,
    parse_gazetteer,
    shared_specific,
)


@pytest.mark.parametrize(
    "text",
    [
        "Vladimir Putin said on Monday",
        "Poutine a déclaré lundi",
        "Ордер на арест Владимира Путина",  # genitive
        "встреча с Путиным",  # instrumental
        "Ордер на арешт Володимира Путіна",  # Ukrainian spelling, genitive
        "俄罗斯总统普京表示",  # simplified, no spaces
        "俄羅斯總統普丁宣布",  # Taiwanese transliteration
    ],
)
def test_putin_in_every_script_and_case_is_one_id(text: str) -> None:
    assert "putin" in find_entities(text)


@pytest.mark.parametrize(
    "text",
    ["Explosion on the Crimean Bridge", "Взрыв на Крымском мосту", "Вибух на Кримському мосту",
     "克里米亞大橋發生爆炸", "une explosion détruit le pont de Crimée"],
)
def test_one_event_named_in_five_languages_gives_the_same_ids(text: str) -> None:
    assert {"crimea", "bridge", "explosion"} <= find_entities(text)


def test_multi_word_aliases_need_all_their_words() -> None:
    assert "xi_jinping" in find_entities("Си Цзиньпином")
    assert "un_general_assembly" in find_entities("the UN General Assembly voted")
    assert "un_general_assembly" not in find_entities("the general mood at the assembly")


def test_short_aliases_match_whole_words_only() -> None:
    # "usa" must not match inside "usage"; "оон" only as the abbreviation.
    assert "usa" not in find_entities("the usage of water")
    assert "un" in find_entities("Генассамблея ООН осудила")


def test_inflection_allowance_is_bounded() -> None:
    # Крим (Ukrainian "Crimea") + 4 letters is the Russian "криминал", not Crimea.
    assert "crimea" in find_entities("окупованим Кримом")
    assert "crimea" not in find_entities("криминал")


def test_yo_and_case_are_normalised() -> None:
    assert normalize("ВЕРТОЛЁТ") == "вертолет"
    assert "helicopter" in find_entities("Крушение ВЕРТОЛЁТА")


def test_shared_specific_does_not_count_countries() -> None:
    a = find_entities("Russia and Ukraine: missile strikes on Kyiv")
    b = find_entities("Россия, Украина: ракетный удар по Киеву")
    assert {"russia", "ukraine"} <= a & b
    assert a & b == {"russia", "ukraine", "missile", "kyiv"}
    assert shared_specific(a, b) == 2  # missile and Kyiv; the two countries do not count
    assert shared_specific(frozenset({"russia"}), frozenset({"russia"})) == 0


@pytest.mark.parametrize("word", ["Russian", "Путина", "Crimean", "Кримському", "Pentagon"])
def test_covers_listed_words_and_their_inflections(word: str) -> None:
    assert covers(word)


@pytest.mark.parametrize("word", ["Griner", "Грайнер", "Montana", "Rusalka", "Криминал"])
def test_covers_nothing_the_gazetteer_does_not_list(word: str) -> None:
    assert not covers(word)


def test_parse_rejects_unknown_kinds_and_ids_listed_twice() -> None:
    with pytest.raises(ValueError, match="kind"):
        parse_gazetteer({"planet": {"mars": ["mars"]}})
    with pytest.raises(ValueError, match="twice"):
        parse_gazetteer({"person": {"x": ["x"]}, "place": {"x": ["y"]}})
    with pytest.raises(ValueError, match="empty"):
        parse_gazetteer({"person": {"x": ["--"]}})


def test_a_custom_gazetteer_is_used_when_given() -> None:
    gazetteer = parse_gazetteer({"place": {"atlantis": ["atlantis", "атлантид"]}})
    assert find_entities("Атлантида ушла под воду", gazetteer) == {"atlantis"}


def test_bundled_aliases_are_unambiguous() -> None:
    # One alias naming two entities would make every article that uses it ambiguous.
    data = tomllib.loads(resources.files("digests").joinpath("entities.toml").read_text("utf-8"))
    owner: dict[str, str] = {}
    for entries in data.values():
        for entity, aliases in entries.items():
            for alias in aliases:
                form = normalize(alias)
                assert owner.setdefault(form, entity) == entity, form
    assert set(default_gazetteer().kinds) == {e for entries in data.values() for e in entries}
