"""`newsdigest eval-topics`: the table, its JSON, and an unreadable corpus."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from cli.eval_arguments import add_topics_arguments
from cli.eval_topics import main_topics
from digests.topics import load_topics


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
