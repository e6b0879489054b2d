"""Topic rules: per-language terms, weights, negative terms, required groups and the floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from digests.topic_rules import LanguageRules, Pattern, TopicRules, parse_rules
from digests.topics import TopicError, load_topics

ICC_FR = ("Mandat d'arrêt contre Vladimir Poutine",
          "Le 17 mars 2023, la Cour pénale internationale émet un mandat d'arrêt contre "
          "Vladimir Poutine pour la déportation d'enfants ukrainiens.")
ROVER_EN = ("NASA rover lands on Mars",
            "NASA's rover landed on Mars after a seven-month flight; the spacecraft will "
            "search the planet for signs of ancient life.")


def rules(floor: float = 1.0, **languages: dict[str, float]) -> TopicRules:
    return TopicRules(tuple(
        (code, LanguageRules(tuple((Pattern.parse(t), w) for t, w in terms.items()),
                             floor=floor))
        for code, terms in languages.items()
    ))


def test_a_word_of_one_language_does_not_match_another() -> None:
    space = rules(en={"mars": 1}, fr={"planète mars": 1})
    assert space.accepts("Mars", "Life on Mars?", "en")
    assert not space.accepts(*ICC_FR, "fr")
    assert space.accepts("La planète Mars", "Un robot sur la planète Mars.", "fr")


def test_a_language_without_rules_matches_nothing() -> None:
    space = rules(en={"mars": 1})
    assert space.judge("Марс", "mars", "ru") is None
    assert not space.accepts("Mars", "mars", "ru")
    assert not space.accepts("Mars", "mars", None)


def test_shipped_space_topic_keeps_the_planet_and_drops_the_month() -> None:
    space = load_topics()["space"].rules
    assert space is not None
    assert space.accepts(*ROVER_EN, "en")
    assert not space.accepts(*ICC_FR, "fr")


def test_negative_terms_argue_against_the_topic() -> None:
    energy = rules(floor=3, en={"gas": 1, "tear gas": -4})
    assert energy.accepts("Gas prices", "Gas and more gas.", "en")
    assert not energy.accepts("Protest", "Police fired tear gas; the gas spread.", "en")


def test_the_floor_is_inclusive_and_title_mentions_count_more() -> None:
    covid = rules(floor=3, en={"covid": 1})
    assert covid.accepts("Covid", "News.", "en")  # a title mention counts three
    assert not covid.accepts("News", "Covid and covid.", "en")  # 2 < 3
    assert covid.accepts("News", "Covid, covid, covid.", "en")  # 3 reaches the floor


def test_mentions_are_capped_and_long_texts_need_more_of_them() -> None:
    covid = rules(floor=4, en={"covid": 1})
    assert covid.judge("", "covid " * 50, "en").score == 5  # type: ignore[union-attr]
    long_text = "covid " * 5 + "word " * 2000
    evidence = covid.judge("", long_text, "en")
    assert evidence is not None
    assert evidence.score < 4


def test_required_groups_need_one_mention_each() -> None:
    war = TopicRules((("en", LanguageRules(
        ((Pattern.parse("war"), 5.0),), require=((Pattern.parse("ukrain*"),),), floor=1)),))
    assert not war.accepts("Trade war", "A trade war.", "en")
    assert war.accepts("War", "The war in Ukraine.", "en")


@pytest.mark.parametrize(("term", "text", "count"), [
    ("war", "war wars warfare", 1),
    ("украин*", "Украина украинский Украине", 3),
    ("space station", "the space station; space is a station", 1),
    ("nord stre*", "Nord Stream and nord streams", 2),
    ("新冠", "新冠疫情和新冠病毒", 2),
])
def test_patterns_count_words_prefixes_phrases_and_cjk(term: str, text: str,
                                                      count: int) -> None:
    evidence = rules(floor=0, en={term: 1}).judge("", text, "en")
    assert evidence is not None
    assert evidence.score == count


def test_malformed_rules_fail_when_the_topics_file_loads(tmp_path: Path) -> None:
    extra = tmp_path / "topics.toml"
    extra.write_text('[topics.x]\nquery = "x"\n[topics.x.match.en.terms]\n"x" = "heavy"\n')
    with pytest.raises(TopicError, match="weight"):
        load_topics(extra)
    extra.write_text('[topics.x]\nquery = "x"\n[topics.x.match.en]\nfloor = 1\n')
    with pytest.raises(TopicError, match="terms"):
        load_topics(extra)


def test_parse_rules_reads_floors_requirements_and_languages() -> None:
    parsed = parse_rules({"floor": 2, "en": {"terms": {"a": 1}, "require": [["a", "b*"]]},
                          "ru": {"terms": {"б": 1}, "floor": 5}}, "t")
    en, ru = parsed.for_language("en"), parsed.for_language("ru")
    assert en is not None
    assert ru is not None
    assert (en.floor, ru.floor) == (2.0, 5.0)
    assert en.require == ((Pattern(("a",)), Pattern(("b",), prefix=True)),)
