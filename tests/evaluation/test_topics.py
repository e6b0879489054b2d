"""eval-topics: counts per topic, the two-fold split, and the command's table."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from digests.evaluation.arguments import add_topics_arguments
from digests.evaluation.cli_topics import main_topics
from digests.evaluation.stories import LabelledArticle, PairCounts
from digests.evaluation.topics import count_topic, fold_of, split_folds, tune_floor
from digests.models import Article, Topic
from digests.topic_rules import LanguageRules, Pattern, TopicRules
from digests.topics import load_topics

NOW = datetime(2025, 5, 10, tzinfo=UTC)


def item(key: str, text: str, topics: tuple[str, ...] = (),
         event: str | None = None) -> LabelledArticle:
    article = Article(
        id=abs(hash(key)) % 10_000, title=key, text=text, source="s", url=None,
        canonical_url=None, language="en", published_at=NOW, ingested_at=NOW,
        content_hash=key, external_id=key,
    )
    return LabelledArticle(article, event, topics)


COVID = Topic("covid", "Covid", "covid", rules=TopicRules((("en", LanguageRules(
    ((Pattern.parse("covid"), 1.0),), floor=2)),)))
ITEMS = [
    item("a", "covid covid covid", ("covid",)),
    item("b", "covid once", ("covid",)),
    item("c", "covid covid", ()),
    item("d", "nothing", ("covid",)),
]


def test_counts_follow_the_query_then_the_rules() -> None:
    found = frozenset({"a", "b", "c"})  # "d" is not found by the query at all
    assert count_topic(COVID, ITEMS, found, use_rules=False) == PairCounts(2, 1, 1)
    assert count_topic(COVID, ITEMS, found) == PairCounts(1, 1, 2)
    assert count_topic(COVID, ITEMS, found, floor=3) == PairCounts(1, 0, 2)


def test_tuning_picks_the_best_f1_floor_halfway_between_scores() -> None:
    # Scores a=3, b=1, c=2: keeping all three (F1 2/3) beats any higher floor, and the
    # floor sits halfway between 0 and the weakest kept score.
    assert tune_floor(COVID, ITEMS, frozenset({"a", "b", "c"})) == 0.5
    # Without the unlabelled c in the candidates, it is a and b either way.
    assert tune_floor(COVID, ITEMS, frozenset({"a", "b"})) == 0.5
    assert tune_floor(COVID, ITEMS[:1] + ITEMS[2:3], frozenset({"a", "c"})) == 2.5
    assert tune_floor(Topic("x", "x", "x"), ITEMS, frozenset()) is None


def test_two_fold_halves_are_disjoint_cover_everything_and_keep_events_together() -> None:
    items = [item(f"id{i}", "t", event=f"e{i // 3}" if i < 30 else None) for i in range(100)]
    first, second = split_folds(items)
    keys = [{i.article.external_id for i in half} for half in (first, second)]
    assert not keys[0] & keys[1]
    assert len(keys[0] | keys[1]) == 100
    assert first
    assert second
    for event in {i.event for i in items if i.event}:
        assert len({fold_of(i) for i in items if i.event == event}) == 1


def _corpus(tmp_path: Path) -> Path:
    lines = [
        {"id": "r1", "title": "COVID-19 cases rise", "published": "2020-04-08", "language": "en",
         "text": "COVID-19 cases rose again as the coronavirus pandemic spread.",
         "source": "Wire", "topics": ["covid-19"], "event": None},
        {"id": "r2", "title": "NASA rover lands on Mars", "published": "2021-02-18",
         "language": "en", "source": "Wire", "topics": ["space"], "event": None,
         "text": "NASA's rover landed on Mars; the spacecraft will search for ancient life."},
        {"id": "r3", "title": "Mandat d'arrêt", "published": "2023-03-17", "language": "fr",
         "text": "Le 17 mars 2023, la Cour pénale internationale émet un mandat d'arrêt.",
         "source": "Wire", "topics": ["law"], "event": None},
    ]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    return corpus


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_topics_arguments(parser)
    return parser.parse_args(list(argv))


def test_eval_topics_prints_the_table(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main_topics(_args("--corpus", str(_corpus(tmp_path))), load_topics()) == 0
    out = capsys.readouterr().out
    assert out.startswith("| topic | labelled | query P | query R | P | R | F1 |")
    rows = {line.split(" | ")[0].lstrip("| "): line for line in out.splitlines()}
    assert set(rows) >= {"covid-19", "space", "macro, 1 goal topics", "macro, all 2"}
    # The French "mars" is found by the query but dropped by the rules: space is exact.
    space = rows["space"].split(" | ")
    assert space[2:7] == ["0.50", "1.00", "1.00", "1.00", "1.00"]


def test_eval_topics_json_and_an_unreadable_corpus(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main_topics(_args("--corpus", str(_corpus(tmp_path)), "--json"), load_topics()) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["topic"] for r in data["results"]] == ["covid-19", "space"]
    assert data["macro"]["goal"]["with_rules"]["precision"] == 1.0
    assert main_topics(_args("--corpus", str(tmp_path / "missing.jsonl")), load_topics()) == 1
