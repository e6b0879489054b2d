import json
from pathlib import Path

import pytest

from digests.evaluation import format_table, report_to_json, run_evaluation
from digests.evaluation.dataset import DatasetError, load_dataset
from tests.evaluation.toy import write_dataset


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    return write_dataset(tmp_path)


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
