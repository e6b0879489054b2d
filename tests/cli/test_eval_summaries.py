"""`newsdigest eval`: the table or JSON, and the exit status of bad usage and a missing file."""

import argparse
import json
from pathlib import Path

import pytest

from cli.eval_summaries import add_eval_arguments, main_eval
from tests.evaluation.toy import write_dataset


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    return write_dataset(tmp_path)


def test_cli_support_prints_table_and_json(
    dataset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parser = argparse.ArgumentParser()
    add_eval_arguments(parser)
    args = parser.parse_args(
        ["--dataset", str(dataset), "--algorithms", "lead", "--workers", "1", "--json"]
    )
    assert main_eval(args) == 0
    assert json.loads(capsys.readouterr().out)["results"][0]["algorithm"] == "lead"
    bad = parser.parse_args(["--dataset", str(dataset), "--budget", "zero", "--workers", "1"])
    assert main_eval(bad) == 2
    missing = parser.parse_args(["--dataset", str(dataset.with_name("none.jsonl"))])
    assert main_eval(missing) == 1
