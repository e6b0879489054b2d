"""Regressions for `fold_stories`: what must fold, what must stay apart, and why."""

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from digests.digest import _PRUNE_FROM, FoldingRules, fold_stories
from digests.models import Article

NOW = datetime(2025, 5, 10, 12, tzinfo=UTC)

SUMMIT = ("Xi Jinping arrived in Moscow for talks with Vladimir Putin. The leaders signed a "
          "joint statement on strategic partnership. Trade between Russia and China grew.")
SUMMIT_REWRITE = ("Vladimir Putin welcomed Xi Jinping in Moscow for talks. The leaders signed a "
                  "joint statement on their strategic partnership. Russia China trade grew.")
FLOOD = ("Floods hit the coast of Peru after heavy rain. Thousands were evacuated from "
         "villages near the river. Rescue teams reached the area on Monday.")
QUAKE = ("An earthquake struck central Chile overnight. Buildings collapsed in two towns and "
         "power was cut. The government declared a state of emergency.")
TRANSCRIPT_TAIL = " ".join(
    f"Question on matter{i} and clause{i}: colleague{i} answered on point{i}." for i in range(80)
)


def article(id_: int, text: str, *, days_ago: float = 0, duplicate_of: int | None = None,
            signature: tuple[int, ...] | None = None, title: str | None = None,
            language: str | None = "en") -> Article:
    return Article(
        id=id_, title=title or text.split(".")[0], text=text, source="Wire", url=None,
        canonical_url=None, language=language, published_at=NOW - timedelta(days=days_ago),
        ingested_at=NOW, content_hash=str(id_), duplicate_of=duplicate_of, signature=signature,
    )


def ids(groups: list[list[Article]]) -> list[list[int]]:
    return [[a.id for a in group] for group in groups]


def test_same_day_rewrite_folds_and_other_events_do_not() -> None:
    groups = fold_stories([article(1, SUMMIT), article(2, SUMMIT_REWRITE), article(3, FLOOD),
                           article(4, QUAKE)])
    assert ids(groups) == [[1, 2], [3], [4]]


def test_follow_up_days_later_folds_when_close_enough() -> None:
    groups = fold_stories([article(1, SUMMIT), article(2, SUMMIT_REWRITE, days_ago=5),
                           article(3, FLOOD)])
    assert ids(groups) == [[1, 2], [3]]


def test_far_apart_dates_stay_separate() -> None:
    groups = fold_stories([article(1, SUMMIT), article(2, SUMMIT_REWRITE, days_ago=40)])
    assert ids(groups) == [[1], [2]]


def test_window_lengths_come_from_the_rules() -> None:
    pair = [article(1, SUMMIT), article(2, SUMMIT_REWRITE, days_ago=5)]
    strict = FoldingRules(follow_up_days=3.0)
    assert ids(fold_stories(pair, strict)) == [[1], [2]]


def test_stored_near_duplicate_links_fold_whatever_the_text() -> None:
    groups = fold_stories([article(1, SUMMIT), article(2, FLOOD, duplicate_of=1, days_ago=90)])
    assert ids(groups) == [[1, 2]]


def test_agreeing_signatures_fold_at_any_distance() -> None:
    signature = tuple(range(128))
    groups = fold_stories([article(1, SUMMIT, signature=signature),
                           article(2, FLOOD, signature=signature, days_ago=90)])
    assert ids(groups) == [[1, 2]]


def test_a_long_transcript_folds_on_its_lead() -> None:
    # Only the lead is compared: a long tail of boilerplate must not dilute the match.
    long_one = article(1, SUMMIT + " " + TRANSCRIPT_TAIL)
    groups = fold_stories([long_one, article(2, SUMMIT_REWRITE), article(3, FLOOD)])
    assert ids(groups) == [[1, 2], [3]]


# One-sentence briefs of one event in four languages: no shared words, the same entities.
BRIDGE_EN = "An explosion destroyed part of the Crimean Bridge linking Russia and Crimea."
BRIDGE_RU = "Взрыв на Крымском мосту: обрушились пролёты моста между Россией и Крымом."
BRIDGE_ZH = "连接俄罗斯与克里米亚的克里米亚大桥发生爆炸。"
BRIDGE_FR = "Une explosion détruit une partie du pont de Crimée."
# Different events of the same day and country: they share Russia (and a generic word).
PROTEST_RU = "В Москве прошли протесты против мобилизации в России."
STRIKES_ZH = "俄罗斯导弹袭击乌克兰多座城市。"


def test_briefs_of_one_event_in_different_languages_fold() -> None:
    groups = fold_stories([article(1, BRIDGE_EN), article(2, BRIDGE_RU, language="ru"),
                           article(3, BRIDGE_ZH, language="zh", days_ago=1),
                           article(4, BRIDGE_FR, language="fr")])
    assert ids(groups) == [[1, 2, 3, 4]]


def test_different_events_sharing_only_a_country_do_not_fold() -> None:
    groups = fold_stories([article(1, BRIDGE_RU, language="ru"),
                           article(2, PROTEST_RU, language="ru"),
                           article(3, STRIKES_ZH, language="zh"),
                           article(4, BRIDGE_EN)])
    assert ids(groups) == [[1, 4], [2], [3]]


def test_cross_language_entity_window_comes_from_the_rules() -> None:
    pair = [article(1, BRIDGE_EN), article(2, BRIDGE_RU, language="ru", days_ago=6)]
    assert ids(fold_stories(pair)) == [[1], [2]]
    assert ids(fold_stories(pair, FoldingRules(concept_days=6.0))) == [[1, 2]]


# Briefs on one day of a war: every one names Russia and Ukraine, so those weigh little;
# the balloon and the bridge are what tell the events apart.
BALLOON_EN = "A Chinese balloon suspected of espionage is shot down over the United States."
BALLOON_RU = "Госсекретарь США отложил поездку в Китай из-за инцидента с китайским аэростатом."
STRIKES_RU = "Россия нанесла ракетные удары по городам Украины; Китай призвал к сдержанности."
STRIKES_EN = "Russia strikes Ukrainian cities with missiles as China and the United States watch."


def test_rare_shared_entities_fold_where_common_ones_do_not() -> None:
    briefs = [article(1, BALLOON_EN), article(2, BALLOON_RU, language="ru", days_ago=2),
              article(3, STRIKES_RU, language="ru"), article(4, BRIDGE_EN),
              article(5, BRIDGE_RU, language="ru", days_ago=1)]
    assert ids(fold_stories(briefs)) == [[1, 2], [3], [4, 5]]


def test_countries_alone_never_fold_however_rare() -> None:
    # Only China and the US in common: no specific entity, no fold.
    pair = [article(1, "Talks between China and the United States resumed."),
            article(2, "Китай и США провели переговоры о торговле.", language="ru")]
    assert ids(fold_stories(pair, FoldingRules(shared_names=None))) == [[1], [2]]


GRINER_EN = ("American basketball player Brittney Griner and arms dealer Viktor Bout are freed "
             "in an exchange.")
GRINER_UK = "Баскетболістку Бріттні Грінер та торговця зброєю Віктора Бута звільнено."


def test_names_the_gazetteer_lacks_fold_across_scripts() -> None:
    pair = [article(1, GRINER_EN), article(2, GRINER_UK, language="uk", days_ago=2)]
    assert ids(fold_stories(pair)) == [[1, 2]]
    assert ids(fold_stories(pair, FoldingRules(shared_names=None))) == [[1], [2]]


def test_one_shared_name_is_not_enough_by_default() -> None:
    pair = [article(1, "The talks were chaired by Viktor Orlov in Geneva."),
            article(2, "Переговоры о зерне вёл Виктор Кузнецов.", language="ru")]
    assert ids(fold_stories(pair)) == [[1], [2]]


ANNOUNCEMENT = ("On Friday, Vladimir Putin will visit Beijing at the invitation of Xi Jinping "
                "and attend the opening of the Winter Olympic Games.")
# Word cosine with the announcement ~0.22: below the lexical bar, above the same-day floor.
ARRIVAL = ("The Russian president arrived in Beijing, where Xi Jinping welcomed him ahead of "
           "the Olympics.")
CALL = "Vladimir Putin and Xi Jinping spoke by phone about grain and energy prices."


def test_same_language_folds_on_entities_only_within_a_day_and_with_some_shared_words() -> None:
    # Same leaders named every day: the entity rule needs the same day and some wording.
    others = [article(3, FLOOD), article(4, QUAKE)]
    same_day = [article(1, ANNOUNCEMENT), article(2, ARRIVAL, days_ago=1), *others]
    assert ids(fold_stories(same_day)) == [[1, 2], [3], [4]]
    later = [article(1, ANNOUNCEMENT), article(2, CALL, days_ago=2), *others]
    assert ids(fold_stories(later)) == [[1], [2], [3], [4]]
    strict = FoldingRules(same_day_word_threshold=0.3)
    assert ids(fold_stories(same_day, strict)) == [[1], [2], [3], [4]]
    off = FoldingRules(same_day_concept_threshold=None)
    assert ids(fold_stories(same_day, off)) == [[1], [2], [3], [4]]


def test_an_unknown_language_gets_the_same_language_rules() -> None:
    pair = [article(1, BRIDGE_EN, language=None), article(2, BRIDGE_RU, language="ru")]
    assert ids(fold_stories(pair)) == [[1], [2]]
    assert ids(fold_stories([article(1, BRIDGE_EN), article(2, BRIDGE_RU, language="ru")])) == [
        [1, 2]
    ]


@settings(max_examples=30, deadline=None)
@given(st.permutations([0, 1, 2, 3, 4]))
def test_folding_is_a_partition_independent_of_order(order: list[int]) -> None:
    texts = [SUMMIT, SUMMIT_REWRITE, FLOOD, QUAKE, FLOOD.replace("Peru", "Ecuador")]
    articles = [article(i, texts[i]) for i in order]
    groups = fold_stories(articles)
    assert sorted(a.id for g in groups for a in g) == [0, 1, 2, 3, 4]
    as_sets = {frozenset(a.id for a in g) for g in groups}
    reference = {frozenset(a.id for a in g) for g in fold_stories(sorted(articles, key=id_of))}
    assert as_sets == reference


def id_of(a: Article) -> int:
    return a.id


# Each rule on its own: the other rules are switched off (a cosine never reaches 1.1, no
# names are counted, no entity rule) so a pair folds only through the rule under test.
ONLY = {"cosine_threshold": 1.1, "follow_up_threshold": 1.1, "shared_names": None,
        "same_day_concept_threshold": None}


def folds(first: Article, second: Article, **rules: object) -> bool:
    """Whether `fold_stories` puts the two in one story under `ONLY` plus `rules`."""
    settings_ = FoldingRules(**{**ONLY, **rules})  # type: ignore[arg-type]
    return len(fold_stories([first, second], settings_)) == 1


def test_every_threshold_is_inclusive() -> None:
    """A rule's threshold is the least score that folds: at 0 every pair in its window does."""
    unrelated = (article(1, FLOOD), article(2, QUAKE))
    apart = (article(1, "Alpha beta gamma."), article(2, "Delta epsilon zeta."))  # cosine 0
    assert folds(*apart, cosine_threshold=0.0)
    assert folds(apart[0], article(2, "Delta epsilon zeta.", days_ago=3),
                 follow_up_threshold=0.0)
    assert folds(article(1, FLOOD, signature=(1, 2, 3)),
                 article(2, QUAKE, days_ago=30, signature=(4, 5, 6)), signature_threshold=0.0)
    assert folds(article(1, FLOOD), article(2, QUAKE, language="ru"), shared_names=0)
    assert not folds(*unrelated)


def test_one_entity_articles_fold_at_a_threshold_of_exactly_one() -> None:
    """A lead naming one thing only has the entity vector {thing: 1.0}; 1.0 reaches 1.0."""
    english, russian = article(1, "Gazprom"), article(2, "Газпром", language="ru")
    assert folds(english, russian, concept_threshold=1.0)
    same = article(2, "Gazprom")
    assert folds(english, same, same_day_concept_threshold=1.0, same_day_word_threshold=1.0)


def test_a_near_copy_needs_both_signatures() -> None:
    """Without a fingerprint there is no near-copy claim, even at a threshold of 0."""
    signed = article(1, FLOOD, signature=(1, 2, 3))
    unsigned = article(2, QUAKE, days_ago=30)
    assert not folds(signed, unsigned, signature_threshold=0.0)
    assert not folds(unsigned, signed, signature_threshold=0.0)


def test_the_same_day_window_ends_at_exactly_its_length() -> None:
    same_day = {"cosine_threshold": 0.0}
    assert folds(article(1, FLOOD), article(2, QUAKE, days_ago=1), **same_day)
    just_after = article(2, QUAKE, days_ago=1 + 1 / 86_400)  # one second more
    assert not folds(article(1, FLOOD), just_after, **same_day)


def test_the_follow_up_and_cross_language_windows_end_at_exactly_their_length() -> None:
    assert folds(article(1, FLOOD), article(2, QUAKE, days_ago=7), follow_up_threshold=0.0)
    assert not folds(article(1, FLOOD), article(2, QUAKE, days_ago=7 + 1 / 86_400),
                     follow_up_threshold=0.0)
    russian = article(2, QUAKE, days_ago=5, language="ru")
    assert folds(article(1, FLOOD), russian, shared_names=0)
    assert not folds(article(1, FLOOD), article(2, QUAKE, days_ago=5 + 1 / 86_400,
                                                 language="ru"), shared_names=0)


def test_a_duplicate_of_an_article_outside_the_fold_is_a_story_of_its_own() -> None:
    """The original may be older than the digest's window: not among the articles folded."""
    assert ids(fold_stories([article(1, FLOOD, duplicate_of=999), article(2, QUAKE)])) == \
        [[1], [2]]


def test_a_digest_sized_fold_groups_by_every_rule() -> None:
    """From `_PRUNE_FROM` articles on only candidate pairs are compared: each rule still folds.

    One pair or trio per rule (lead words, a near copy 90 days apart, entities across three
    languages, names across scripts, entities with some wording in one language) among
    unrelated briefs that share nothing.
    """
    signature = tuple(range(64))
    stories = [
        article(1, SUMMIT, days_ago=3), article(2, FLOOD, signature=signature),
        article(3, BRIDGE_EN), article(4, GRINER_EN), article(5, ANNOUNCEMENT),
        article(6, SUMMIT_REWRITE, days_ago=3),
        article(7, QUAKE, signature=signature, days_ago=90),
        article(8, BRIDGE_RU, language="ru"), article(9, BRIDGE_ZH, language="zh", days_ago=1),
        article(10, GRINER_UK, language="uk", days_ago=2), article(11, ARRIVAL, days_ago=1),
    ]
    unrelated = [article(100 + i, " ".join(f"w{i}x{k}" for k in range(8)) + ".")
                 for i in range(_PRUNE_FROM - len(stories))]
    groups = ids(fold_stories([*stories, *unrelated]))
    assert groups == [[1, 6], [2, 7], [3, 8, 9], [4, 10], [5, 11],
                      *([a.id] for a in unrelated)]
