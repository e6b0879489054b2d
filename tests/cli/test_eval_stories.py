"""`newsdigest eval-stories`: JSON output and the exit status of an unreadable corpus."""

import argparse
import json
from pathlib import Path

import pytest

from cli.eval_stories import add_stories_arguments, main_stories


def test_cli_prints_json_and_reports_an_unreadable_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parser = argparse.ArgumentParser()
    add_stories_arguments(parser)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "r1", "title": "T", "text": "Some words here.",
                                  "published": "2025-05-08", "event": None}) + "\n")
    assert main_stories(parser.parse_args(["--corpus", str(corpus), "--json"])) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["results"][0]["overall"]["false_positives"] == 0
    missing = parser.parse_args(["--corpus", str(tmp_path / "missing.jsonl")])
    assert main_stories(missing) == 1
