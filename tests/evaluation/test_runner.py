import json
from pathlib import Path

import pytest

from digests.evaluation import format_table, report_to_json, run_evaluation
from digests.evaluation.dataset import DatasetError, load_dataset

ARTICLES = [
    (
        "Council backs new budget",
        "The city council approved a new budget on Monday. Taxes will rise by two percent.\n\n"
        "The mayor said the budget protects schools. Opposition members said taxes hurt "
        "families.\n\nA local band played outside the hall.",
        "The city council approved a new budget on Monday.The mayor said the budget protects"
        " schools.",
    ),
    (
        "Storm hits coast",
        "A storm hit the coast overnight. Thousands of homes lost power after the storm.\n\n"
        "Engineers worked to restore power to homes. The storm moved north by morning.",
        "Thousands of homes lost power after the storm.A storm hit the coast overnight.",
    ),
]


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    path = tmp_path / "toy.jsonl"
    rows = [
        {"id": f"toy/{i}", "title": t, "article": a, "summary": s, "split": "dev"}
        for i, (t, a, s) in enumerate(ARTICLES)
    ]
    rows.append({**rows[0], "id": "toy/test", "split": "test"})
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_load_dataset_filters_split(dataset: Path) -> None:
    assert [a.id for a in load_dataset(dataset, "dev")] == ["toy/0", "toy/1"]
    assert len(load_dataset(dataset, "all")) == 3


def test_bad_dataset_line_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(DatasetError, match=":1:"):
        load_dataset(path, "all")


def test_run_writes_dump_and_report(dataset: Path, tmp_path: Path) -> None:
    dump = tmp_path / "out.jsonl"
    seen: list[tuple[int, int]] = []
    report = run_evaluation(
        dataset,
        "dev",
        ["lead", "oracle", "reduction"],
        "ref-sentences",
        workers=1,
        progress=lambda done, total: seen.append((done, total)),
        dump=dump,
    )
    assert [r.algorithm for r in report.results] == ["lead", "oracle", "reduction"]
    assert all(r.n == 2 for r in report.results)
    assert seen[-1] == (2, 2)
    oracle = report.results[1]
    assert oracle.rouge1 == pytest.approx(1.0)
    records = [json.loads(line) for line in dump.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 6
    assert set(records[0]) == {"id", "algorithm", "summary"}
    lead = next(r for r in records if r["id"] == "toy/0" and r["algorithm"] == "lead")
    assert lead["summary"] == [
        "The city council approved a new budget on Monday.",
        "Taxes will rise by two percent.",
    ]
    table = format_table(report)
    assert "| oracle | 100.00" in table
    assert report_to_json(report)["results"][0]["algorithm"] == "lead"


def test_parallel_run_matches_serial(dataset: Path) -> None:
    serial = run_evaluation(dataset, "all", ["lead", "textrank"], "ref-words", workers=1)
    parallel = run_evaluation(dataset, "all", ["lead", "textrank"], "ref-words", workers=2)
    assert [r.rouge2 for r in serial.results] == [r.rouge2 for r in parallel.results]


def test_unknown_algorithm_fails_before_work(dataset: Path) -> None:
    with pytest.raises(ValueError, match="unknown"):
        run_evaluation(dataset, "dev", ["nope"], workers=1)


def test_cli_support_prints_table_and_json(
    dataset: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import argparse

    from digests.evaluation.cli_support import add_eval_arguments, main_eval

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
