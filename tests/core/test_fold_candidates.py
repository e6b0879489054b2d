"""Pruned folding gives exactly the groups of comparing every pair (issue 14.1).

`fold_stories` compares only the pairs `digests.fold_candidates` finds; these tests hold
it against `exhaustive=True` on the seed corpus, on a generated set built from it (near
copies at the signature threshold, sentence mixes, spread dates) and under the rule
variants the folding sweep tries, because a pruning bound that is off by a little merges
nothing wrong and only loses folds, which no other test would notice.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digests.digest import FoldingRules, _evidence, _same_story, fold_stories
from digests.entities import specific_entities
from digests.evaluation.stories import load_labelled_corpus
from digests.fold_candidates import candidate_pairs
from digests.models import Article
from tests.core.test_folding import NOW, article

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "corpus.jsonl"
RULE_VARIANTS = [
    FoldingRules(),
    FoldingRules(cosine_threshold=0.15, follow_up_threshold=0.2),
    FoldingRules(cosine_threshold=0.4, follow_up_threshold=0.6, signature_threshold=0.8),
    FoldingRules(signature_threshold=0.3, concept_threshold=0.3, shared_names=1),
    FoldingRules(shared_names=3, same_day_concept_threshold=None),
    FoldingRules(shared_names=None, same_day_concept_threshold=0.35, concept_days=30),
]


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    return [item.article for item in load_labelled_corpus(SEEDS)]


def generated(seeds: list[Article], count: int, seed: int = 14) -> list[Article]:
    """Articles mixed from the seeds: near copies whose signatures sit at the threshold."""
    rng = random.Random(seed)
    made: list[Article] = []
    for index in range(count):
        base = rng.choice(seeds)
        sentences = base.text.split(". ")
        signature = base.signature
        if rng.random() < 0.5:
            other = rng.choice(seeds).text.split(". ")
            sentences = sentences[:2] + rng.sample(other, min(len(other), 3))
            if signature:
                changed = set(rng.sample(range(len(signature)), len(signature) // 2
                                         + rng.randint(-2, 2)))
                signature = tuple(v + 1 if p in changed else v for p, v in enumerate(signature))
        made.append(replace(
            base, id=100_000 + index, text=". ".join(sentences), signature=signature,
            duplicate_of=None, content_hash=f"g{index}",
            published_at=base.published_at + timedelta(hours=rng.uniform(-60, 60)),
        ))
    return made


def candidates(articles: list[Article], rules: FoldingRules) -> list[tuple[int, int]] | None:
    evidence = _evidence(articles, rules)
    return candidate_pairs(
        rules, signatures=[a.signature for a in articles],
        languages=[a.language for a in articles], words=[e.words for e in evidence],
        concepts=[e.concepts for e in evidence], names=[e.names for e in evidence],
        specific=[specific_entities(e.entities) for e in evidence])


def ids(groups: list[list[Article]]) -> list[list[int]]:
    return [[a.id for a in group] for group in groups]


@pytest.mark.parametrize("rules", RULE_VARIANTS)
def test_pruned_fold_equals_every_pair_on_the_seed_corpus(
    seeds: list[Article], rules: FoldingRules
) -> None:
    pruned = ids(fold_stories(seeds, rules))
    assert pruned == ids(fold_stories(seeds, rules, exhaustive=True))
    assert len(pruned) < len(seeds)  # the corpus has stories to fold


@pytest.mark.parametrize("rules", RULE_VARIANTS[:3])
def test_pruned_fold_equals_every_pair_on_a_generated_set(
    seeds: list[Article], rules: FoldingRules
) -> None:
    articles = [*seeds[:150], *generated(seeds, 250)]
    assert ids(fold_stories(articles, rules)) == ids(
        fold_stories(articles, rules, exhaustive=True))


def test_candidates_are_far_fewer_than_all_pairs(seeds: list[Article]) -> None:
    rules = FoldingRules()
    pairs = candidates(seeds, rules)
    assert pairs is not None
    assert len(pairs) < len(seeds) * (len(seeds) - 1) // 2 // 4


def test_rules_no_overlap_can_bound_compare_every_pair() -> None:
    articles = [replace(article(i, text), signature=(1, 2, 3, 4))
                for i, text in ((1, "Floods hit Peru."), (2, "Quake in Chile."))]
    for rules in (FoldingRules(cosine_threshold=0.0), FoldingRules(shared_names=0),
                  FoldingRules(signature_threshold=0.0)):
        assert candidates(articles, rules) is None
    rules = FoldingRules()  # the same signature: a near copy, whatever else differs
    assert candidates(articles, rules) == [(0, 1)]


WORDS = ["moscow", "talks", "putin", "xi", "flood", "peru", "rain", "the", "a", "trade",
         "Nord", "Stream", "Москва", "переговоры"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8),
                          st.lists(st.integers(0, 3), min_size=4, max_size=4),
                          st.floats(0, 8), st.sampled_from(["en", "ru", None])),
                min_size=2, max_size=12))
def test_every_pair_the_rules_fold_is_a_candidate(
    items: list[tuple[list[str], list[int], float, str | None]],
) -> None:
    articles = [
        replace(article(i + 1, " ".join(words).capitalize() + ". " + " ".join(words),
                        days_ago=days, language=language),
                signature=tuple(signature))
        for i, (words, signature, days, language) in enumerate(items)
    ]
    assert articles[0].published_at <= NOW
    for rules in RULE_VARIANTS:
        evidence = _evidence(articles, rules)
        found = candidates(articles, rules)
        assert found is not None
        for i, j in combinations(range(len(articles)), 2):
            if _same_story(articles[i], articles[j], evidence[i], evidence[j], rules):
                assert (i, j) in found
