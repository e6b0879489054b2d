"""The command line a new user meets first (issue 12): through the real `newsdigest` entry point.

Datasets are generated here (never copied from the BBC set): a JSON Lines file whose body is
in `article`, and one whose records have no body at all.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.console import Console

from cli import console as out
from cli.ingest import IngestProgress
from cli.main import build_parser, run
from digests.ingest.report import describe
from digests.models import AddOutcome, AddResult, Digest
from digests.wrapping import wrap_line
from tests.conftest import SEEDS

Invoke = Callable[..., tuple[int, str, str]]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> Invoke:
    monkeypatch.chdir(tmp_path)  # no developer .env
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COLUMNS", "200")

    def invoke(*argv: str) -> tuple[int, str, str]:
        code = run(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return invoke


TOPICS = (("Harbour", "crews", "repaired", "wall", "storm"),
          ("Orchestra", "players", "rehearsed", "symphony", "premiere"),
          ("Farmers", "growers", "harvested", "barley", "drought"),
          ("Engineers", "teams", "tested", "rocket", "launch"))


def body(n: int) -> str:
    a, b, c, d, e = TOPICS[n % len(TOPICS)]
    return " ".join(f"{a} {b} {c} the {d} number {i} before the {e}, officials said on "
                    f"day {i * 7 + n}." for i in range(8))


def write_jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_common_body_field_names_are_read(cli: Invoke, tmp_path: Path) -> None:
    records = [{"id": f"a/{n}", "title": f"Wall {n} repaired", field: body(n)}
               for n, field in enumerate(("text", "article", "body", "content"))]
    code, output, _ = cli("ingest", str(write_jsonl(tmp_path / "d.jsonl", records)))
    assert code == 0
    assert output.startswith("4 items: 4 added")


def test_many_bodiless_records_are_one_summary_line(cli: Invoke, tmp_path: Path) -> None:
    records = [{"id": f"b/{n}", "title": f"T {n}", "summary": "s", "category": "business"}
               for n in range(40)]
    data = write_jsonl(tmp_path / "bbc-like.jsonl", records)
    code, output, _ = cli("ingest", str(data))
    assert code == 1  # nothing got in
    lines = output.splitlines()
    assert len(lines) <= 3, output
    assert ("40 records rejected: no text field (text, article, body, content); "
            "fields found: id, title, summary, category") in output
    assert "-v" in output
    code, output, _ = cli("ingest", "-v", str(data))
    assert len([line for line in output.splitlines() if line.startswith("rejected ")]) == 40


def test_few_rejections_are_listed_one_by_one() -> None:
    results = [AddResult(AddOutcome.REJECTED, reason="no text field (text); fields: id",
                         label=f"x:{n}") for n in range(2)]
    assert describe(results, ["notes.bin"]).splitlines() == [
        "2 items: 0 added, 0 duplicate, 0 near-duplicate, 0 updated, 2 rejected",
        "1 file skipped (not articles)",
        "rejected x:0: no text field (text); fields: id",
        "rejected x:1: no text field (text); fields: id",
    ]


def test_progress_shows_count_and_rate() -> None:
    progress = IngestProgress(started=100.0)
    progress.files(1, 3)
    progress.counted(2225)
    assert progress.describe(now=105.0) == "1/3 files · 2,225 items · 445 items/s"
    assert IngestProgress(started=0.0).describe(now=0.0) == "0/0 files · 0 items"


def test_wrapping_keeps_words_whole_and_indentation() -> None:
    line = "  " + " ".join(["consequential"] * 12)
    wrapped = wrap_line(line, 40)
    assert len(wrapped) > 1
    assert all(len(part) <= 40 and part.startswith("  consequential") for part in wrapped)
    bullet = wrap_line("• " + "word " * 30, 30)
    assert bullet[0].startswith("• word")
    assert all(p.startswith("  word") for p in bullet[1:])
    url = "https://example.com/" + "x" * 60
    assert wrap_line(f"  see {url}", 30) == ["  see", f"  {url}"]


def test_digest_text_wraps_at_the_terminal_width(cli: Invoke,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli("ingest", str(SEEDS))[0] == 0
    monkeypatch.setenv("COLUMNS", "60")
    code, output, _ = cli("digest", "russia-china", "--since", "100000d")
    assert code == 0
    lines = output.splitlines()
    assert max(len(line) for line in lines if "://" not in line) <= 60
    assert any(line.startswith("  ") for line in lines)


def test_db_upgrade_json(cli: Invoke) -> None:
    code, output, _ = cli("db", "upgrade", "--json")
    assert code == 0
    assert json.loads(output) == {"action": "upgrade", "up_to_date": True}


@pytest.mark.parametrize(("command", "option"), [
    ("articles", "--limit"), ("articles", "--offset"), ("digest", "--stories"),
    ("search", "--limit")])
def test_options_have_help(command: str, option: str) -> None:
    text = build_parser()._subparsers._group_actions[0].choices[command].format_help()  # type: ignore[union-attr]
    described = re.search(rf"{option} \S+\s+(\S.*)", text)
    assert described is not None, text


def test_one_match_is_singular() -> None:
    now = datetime(2026, 3, 2, tzinfo=UTC)
    digest = Digest("T", "q", datetime(2026, 3, 1, tzinfo=UTC), now, now, (), total_matches=1)
    console = Console(record=True, width=100)
    out.print_digest(console, digest)
    assert "· 1 matching article\n" in console.export_text()
    assert "1 matching articles" not in console.export_text()


def test_an_empty_window_has_no_bogus_start_date(cli: Invoke) -> None:
    code, output, _ = cli("digest", "russia-china", "--since", "100000d")
    assert code == 0
    assert not re.search(r"1[0-8]\d\d-\d\d-\d\d", output), output
    assert "up to " in output


def test_empty_digest_of_an_unknown_word_suggests_and_fails(cli: Invoke) -> None:
    code, output, err = cli("digest", "brexitt")
    assert code == 1
    assert output == ""
    assert "Did you mean brexit?" in err
    code, _, err = cli("digest", "nosuchtopic")
    assert code == 1
    assert "no articles match “nosuchtopic”" in err
    assert "Did you mean" not in err


def test_make_test_finds_a_local_postgresql(tmp_path: Path) -> None:
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "pg_isready").write_text("#!/bin/sh\nexit 0\n")
    (fake / "pg_isready").chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "NEWSDIGEST_TEST_POSTGRES_URL"}
    env["PATH"] = f"{fake}:{env['PATH']}"

    def exported(extra: dict[str, str]) -> str:
        listing = subprocess.run(["make", "-s", "-n", "-p", "-C", str(ROOT), "test"],
                                 env={**env, **extra}, capture_output=True, text=True,
                                 check=False).stdout
        found = re.search(r"^(?:export )?NEWSDIGEST_TEST_POSTGRES_URL :?= ?(.*)$", listing,
                          re.MULTILINE)
        return found.group(1).strip() if found else ""

    assert exported({}) == "postgresql://postgres@127.0.0.1:5432/test"
    assert exported({"NEWSDIGEST_TEST_POSTGRES_URL": "postgresql://x@db/t"}) == \
        "postgresql://x@db/t"
    assert re.search(r"^make test$", (ROOT / ".ci" / "run").read_text(), re.MULTILINE)


def test_make_bench_runs_every_benchmark_script() -> None:
    listed = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run_all.py"), "--list"],
                            capture_output=True, text=True, check=True).stdout
    names = {line.split()[0] for line in listed.splitlines()}
    scripts = {p.name for p in (ROOT / "benchmarks").glob("bench_*.py")}
    assert scripts <= names


def test_make_bench_skips_a_missing_dataset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    import run_all  # type: ignore[import-not-found]

    missing = run_all.Benchmark("bench_summarize.py",
                                missing=run_all._needs(Path("/nonexistent.jsonl"), "the data"))
    outcome, seconds = run_all.run(missing)
    assert outcome.startswith("skipped: the data not found")
    assert seconds == 0.0


def test_an_empty_database_says_how_to_fill_it(cli: Invoke) -> None:
    # On a fresh clone `digest russia-china` said only "No new articles … in the window".
    for argv in (("digest", "russia-china"), ("search", "putin", "--json"),
                 ("digest", "russia-china", "--lang", "ru")):
        _, _, err = cli(*argv)
        assert "newsdigest ingest seeds/" in err, argv
    assert "В базе пока нет статей" in err
    assert json.loads(cli("search", "putin", "--json")[1]) == []  # stdout stays one document
    assert cli("ingest", str(SEEDS))[0] == 0
    for argv in (("digest", "russia-china", "--since", "1m"), ("search", "nothingmatchesthis")):
        assert "newsdigest ingest" not in cli(*argv)[2], argv
