import locale
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from digests.i18n import translator
from digests.models import Article, SearchHit, Topic
from digests.query import And, QueryError, Term
from digests.topics import TopicError, UnknownTopic, load_topics, relevant_hits, resolve_topic


def test_bundled_topics_load_and_include_russia_china() -> None:
    topics = load_topics()
    assert "russia-china" in topics
    assert topics["russia-china"].title == "Russia–China relations"
    assert len(topics) >= 5


@pytest.mark.parametrize("text", ["russia-china", "Russia China", "russia_china", " RUSSIA-CHINA "])
def test_topic_names_resolve_in_any_spelling(text: str) -> None:
    resolved = resolve_topic(text, load_topics())
    assert resolved.named
    assert resolved.topic.name == "russia-china"


def test_other_text_is_an_ad_hoc_query() -> None:
    resolved = resolve_topic("putin xi", load_topics())
    assert not resolved.named
    assert resolved.topic.title == "putin xi"


def test_a_mistyped_topic_name_suggests_the_right_one() -> None:
    with pytest.raises(UnknownTopic) as info:
        resolve_topic("russia-chna", load_topics())
    assert "russia-china" in info.value.suggestions


def test_strict_resolution_requires_a_name() -> None:
    with pytest.raises(UnknownTopic):
        resolve_topic("putin", load_topics(), strict=True)


def test_unsearchable_text_raises() -> None:
    with pytest.raises(QueryError):
        resolve_topic("***", load_topics())


def test_extra_topics_file_overrides_and_validates(tmp_path: Path) -> None:
    extra = tmp_path / "topics.toml"
    extra.write_text('[topics.arctic]\ntitle = "Arctic"\nquery = "arctic OR greenland"\n')
    assert "arctic" in load_topics(extra)
    extra.write_text('[topics."Bad Name"]\nquery = "x"\n')
    with pytest.raises(TopicError):
        load_topics(extra)


ELECTIONS = {name: Topic(name=name, title=name.title(), query="election " + name[-4:])
             for name in ("election-2020", "election-2022", "election-2024", "election-2026")}


def test_an_unknown_name_suggests_the_three_closest_and_lists_the_rest() -> None:
    with pytest.raises(UnknownTopic) as info:
        resolve_topic("election-202", ELECTIONS)
    assert str(info.value) == (
        "unknown topic 'election-202'. Did you mean election-2026, election-2024, "
        "election-2022? Known topics: election-2020, election-2022, election-2024, "
        "election-2026.")
    assert info.value.name == "election-202"
    assert info.value.suggestions == ["election-2026", "election-2024", "election-2022"]


def test_an_unknown_name_is_explained_in_the_chats_language() -> None:
    with pytest.raises(UnknownTopic) as info:
        resolve_topic("election-202", ELECTIONS)
    assert info.value.explain(translator("ru")) == (
        "неизвестная тема 'election-202'. Может быть, вы имели в виду election-2026, "
        "election-2024, election-2022? Известные темы: election-2020, election-2022, "
        "election-2024, election-2026.")
    assert info.value.explain(translator("en")) == (
        "unknown topic 'election-202'. Did you mean election-2026, election-2024, "
        "election-2022? Known topics: election-2020, election-2022, election-2024, "
        "election-2026.")


def test_an_unknown_name_like_no_topic_is_explained_without_a_guess() -> None:
    with pytest.raises(UnknownTopic) as info:
        resolve_topic("moon-landing", ELECTIONS)
    assert info.value.explain(translator("ru")) == (
        "неизвестная тема 'moon-landing'. Известные темы: election-2020, election-2022, "
        "election-2024, election-2026.")
    assert info.value.explain(translator("en")) == (
        "unknown topic 'moon-landing'. Known topics: election-2020, election-2022, "
        "election-2024, election-2026.")


def test_an_unknown_name_like_no_topic_only_lists_the_known_ones() -> None:
    with pytest.raises(UnknownTopic) as info:
        resolve_topic("moon-landing", ELECTIONS)
    assert str(info.value) == ("unknown topic 'moon-landing'. Known topics: election-2020, "
                               "election-2022, election-2024, election-2026.")
    assert info.value.suggestions == []


@pytest.mark.parametrize(("typed", "meant"), [("china-russia", "russia-china"),
                                              ("covid-vaccine", "covid-19")])
def test_a_name_half_right_still_gets_a_suggestion(typed: str, meant: str) -> None:
    with pytest.raises(UnknownTopic) as info:
        resolve_topic(typed, load_topics())
    assert info.value.suggestions == [meant]


def test_a_named_topic_resolves_to_its_own_query() -> None:
    resolved = resolve_topic("Election 2024", ELECTIONS)
    assert (resolved.topic, resolved.named) == (ELECTIONS["election-2024"], True)
    assert resolved.query == And((Term("election"), Term("2024")))


def test_an_ad_hoc_query_is_a_topic_without_a_name() -> None:
    resolved = resolve_topic("  putin   xi ", ELECTIONS)
    assert resolved.named is False
    assert resolved.topic == Topic(name="", title="putin xi", query="  putin   xi ")
    assert resolved.query == And((Term("putin"), Term("xi")))


def test_an_ad_hoc_title_is_cut_to_80_characters() -> None:
    text = " ".join(f"word{i:02d}" for i in range(20))  # 139 characters
    assert resolve_topic(text, ELECTIONS).topic.title == text[:80]
    assert len(text[:80]) == 80


def test_an_extra_topic_keeps_its_title_description_and_rules(tmp_path: Path) -> None:
    extra = tmp_path / "topics.toml"
    extra.write_text('[topics.arctic]\nquery = "arctic OR greenland"\n'
                     'description = "Ice, shipping lanes and the High North."\n'
                     '[topics.arctic.match.en]\nterms = { arctic = 1.0 }\n'
                     '[topics.tundra]\nquery = "tundra"\n', encoding="utf-8")
    topics = load_topics(extra)
    arctic, tundra = topics["arctic"], topics["tundra"]
    assert arctic.title == "arctic"
    assert arctic.description == "Ice, shipping lanes and the High North."
    assert arctic.rules is not None
    assert arctic.rules.accepts("Arctic ice", "The arctic is warming.", "en")
    assert not arctic.rules.accepts("Greenland", "Greenland votes.", "en")
    assert (tundra.title, tundra.description, tundra.rules) == ("tundra", "", None)


def test_a_bundled_topic_has_its_russian_title_and_description() -> None:
    russia_china = load_topics()["russia-china"]
    assert russia_china.title_in("ru") == "Отношения России и Китая"
    assert russia_china.description_in("ru") == (
        "Москва и Пекин: саммиты, торговля, энергетика, дипломатия.")
    assert russia_china.title_in("en") == "Russia–China relations"


@pytest.mark.parametrize("language", ["de", "en", None])
def test_a_language_the_file_does_not_translate_reads_english(language: str | None) -> None:
    russia_china = load_topics()["russia-china"]
    assert russia_china.title_in(language) == "Russia–China relations"
    assert russia_china.description_in(language) == (
        "Moscow and Beijing: summits, trade, energy, diplomacy.")


def test_an_extra_topic_translates_what_it_gives_and_keeps_english_for_the_rest(
        tmp_path: Path) -> None:
    extra = tmp_path / "topics.toml"
    extra.write_text('[topics.arctic]\ntitle = "Arctic"\nquery = "arctic"\n'
                     'description = "Ice and shipping lanes."\n'
                     '[topics.arctic.i18n.ru]\ntitle = "Арктика"\n'
                     '[topics.arctic.i18n.uk]\ndescription = "Лід і морські шляхи."\n',
                     encoding="utf-8")
    arctic = load_topics(extra)["arctic"]
    assert (arctic.title_in("ru"), arctic.description_in("ru")) == (
        "Арктика", "Ice and shipping lanes.")
    assert (arctic.title_in("uk"), arctic.description_in("uk")) == (
        "Arctic", "Лід і морські шляхи.")


def test_an_extra_file_without_topics_changes_nothing(tmp_path: Path) -> None:
    extra = tmp_path / "topics.toml"
    extra.write_text("version = 2\n", encoding="utf-8")
    assert load_topics(extra) == load_topics()


@pytest.mark.parametrize(("content", "problem"), [
    ('[topics."Bad Name"]\nquery = "x"\n', "invalid topic name 'Bad Name'"),
    ('[topics.arctic]\ntitle = "Arctic"\n', "topic 'arctic' needs a query"),
    ('[topics]\narctic = "arctic OR greenland"\n', "topic 'arctic' needs a query"),
    ('[topics.arctic]\nquery = "x"\nmatch = "arctic"\n', "topic 'arctic': match must be a table"),
    ('[topics.arctic]\nquery = "x"\n[topics.arctic.match]\nen = 3\n',
     "topic 'arctic': language 'en' needs a terms table"),
    ('[topics.arctic\nquery = "x"\n', "Expected ']' at the end of a table declaration"),
])
def test_a_broken_extra_file_is_refused_naming_the_file_and_topic(tmp_path: Path, content: str,
                                                                   problem: str) -> None:
    extra = tmp_path / "topics.toml"
    extra.write_text(content, encoding="utf-8")
    with pytest.raises(TopicError) as refused:
        load_topics(extra)
    assert str(refused.value).startswith(f"{extra}: ")
    assert problem in str(refused.value)


def test_relevant_hits_keep_what_the_rules_accept_in_the_stores_order(tmp_path: Path) -> None:
    extra = tmp_path / "topics.toml"
    extra.write_text('[topics.arctic]\nquery = "arctic OR ice"\n'
                     '[topics.arctic.match.en]\nterms = { arctic = 1.0 }\n', encoding="utf-8")
    named = resolve_topic("arctic", load_topics(extra))
    hits = [hit(1, "Arctic shipping", "Ships cross the ice.", "en"),
            hit(2, "Ice cream", "A summer treat.", "en"),
            hit(3, "Thaw", "The arctic summer is longer.", "en"),
            hit(4, "Arctique", "L'arctic fond.", "fr")]  # no French rules: not on topic
    assert [h.article.id for h in relevant_hits(named, hits)] == [1, 3]
    ad_hoc = resolve_topic("arctic OR ice", load_topics())
    assert relevant_hits(ad_hoc, hits) == hits


def hit(article_id: int, title: str, text: str, language: str) -> SearchHit:
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    return SearchHit(Article(id=article_id, title=title, text=text, source="test", url=None,
                             canonical_url=None, language=language, published_at=moment,
                             ingested_at=moment, content_hash=f"h{article_id}"), 1.0)


def test_topics_read_as_utf8_whatever_the_locale(tmp_path: Path) -> None:
    # A server in the C locale with UTF-8 mode off would read the files as ASCII.
    extra = tmp_path / "topics.toml"
    extra.write_text('[topics.moskva]\ntitle = "Москва"\nquery = "москв*"\n', encoding="utf-8")
    script = ("import sys; from pathlib import Path; from digests.topics import load_topics; "
              "t = load_topics(Path(sys.argv[1])); "
              "print(t['russia-china'].title, t['moskva'].title)")
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0",
           "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": "utf-8"}
    shown = subprocess.run([sys.executable, "-c", script, str(extra)], env=env, check=True,
                           capture_output=True, encoding="utf-8").stdout
    assert shown == "Russia–China relations Москва\n"


@pytest.fixture
def ascii_locale() -> Iterator[None]:
    """This process's locale switched to plain C (ASCII) for the test, then restored."""
    before = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, before)


@pytest.mark.usefixtures("ascii_locale")
def test_topics_read_as_utf8_when_the_locale_changes_to_ascii(tmp_path: Path) -> None:
    # The same as above inside one process: a library may switch LC_CTYPE after start-up.
    extra = tmp_path / "topics.toml"
    extra.write_text('[topics.moskva]\ntitle = "Москва"\nquery = "москв*"\n', encoding="utf-8")
    topics = load_topics(extra)
    assert (topics["russia-china"].title_in("ru"), topics["moskva"].title) == (
        "Отношения России и Китая", "Москва")
