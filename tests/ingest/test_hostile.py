"""Hostile and odd input never costs the other records (issue 13, items 1-5 and 10).

Every hostile file is generated here, in the test's temporary folder; none is committed.
The sanitation tests run on SQLite and PostgreSQL (the store's contract backends),
because each backend refuses different characters: SQLite cannot encode a lone
surrogate, PostgreSQL refuses NUL in any text column.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from digests.ingest import ingest_drafts, ingest_paths
from digests.ingest.read import read_input
from digests.ingest.types import LineStream, Rejection
from digests.models import AddOutcome, ArticleDraft
from digests.settings import Settings
from digests.store import SqlStore, open_store
from tests.store.conftest import FixedClock, database_url  # noqa: F401  (fixture)

BODY = ("The council approved the new budget after a long debate on Tuesday. "
        "Members argued about the cost of repairs to the old bridge over the river.")
HOSTILE = ["lone \ud800 surrogate", "nul \u0000 byte", "bidi \u202egnp.exe", "rlm \u200f mark"]


def _valid(number: int) -> str:
    return json.dumps({"title": f"Valid record {number}",
                       "text": f"Record {number} is fine. {BODY} Item number {number}."})


@pytest.fixture
def any_store(database_url: str) -> Iterator[SqlStore]:  # noqa: F811
    opened = open_store(database_url, clock=FixedClock())
    assert isinstance(opened, SqlStore)
    yield opened
    opened.close()


@pytest.mark.parametrize("field", ["title", "author", "source", "url", "text", "id"])
def test_poisoned_fields_are_cleaned_on_every_backend(any_store: SqlStore, settings: Settings,
                                                      tmp_path: Path, field: str) -> None:
    # Item 1: a lone surrogate stopped the whole run (rc 2, no report); a NUL in a title
    # failed on PostgreSQL with DataError and lost every later record.
    records = [_valid(0)]
    for number, poison in enumerate(HOSTILE, start=1):
        record = {"title": f"Record {number}", "text": f"Poisoned {number}. {BODY}"}
        record[field] = f"{record.get(field, 'https://example.org/a')} {poison} {number}"
        records.append(json.dumps(record))  # json escapes \ud800 and \u0000 as text
    records.append(_valid(9))
    path = tmp_path / "poison.jsonl"
    path.write_text("\n".join(records) + "\n", encoding="utf-8")

    report = ingest_paths(any_store, [path], settings)

    assert report.count(AddOutcome.ADDED) == 6, report.describe()
    for article in any_store.list_articles(limit=10):
        for value in (article.title, article.text, article.source, article.author or "",
                      article.url or "", article.external_id or ""):
            assert not any(c in value for c in "\ud800\u0000\u202e\u200f"), value


def test_raw_nul_and_deep_nesting_cost_only_their_own_line(store: SqlStore,
                                                          settings: Settings,
                                                          tmp_path: Path) -> None:
    # Item 3: a line nested 100,000 deep raised RecursionError past the per-line handler
    # (nothing stored); one raw NUL byte rejected the whole file as binary.
    path = tmp_path / "mixed.jsonl"
    lines = [_valid(n).encode() for n in range(50)]
    lines.insert(10, b"[" * 100_000)
    lines.insert(20, b'{"title": "raw \x00 nul", "text": "Raw NUL inside. ' + BODY.encode() + b'"}')
    lines.insert(30, b'{"title": "deep", "text": "Deep author. ' + BODY.encode() + b'", "author": '
                 + b"[" * 500 + b"]" * 500
                 + b"}")
    path.write_bytes(b"\n".join(lines) + b"\n")

    report = ingest_paths(store, [path], settings)

    assert report.count(AddOutcome.ADDED) == 52, report.describe()
    [deep] = [r for r in report.rejections if r.label.endswith(":11")]
    assert deep.reason == "invalid JSON: nested too deeply"
    assert any(a.title == "raw nul" for a in store.list_articles(limit=100))


def test_a_deep_first_line_costs_only_itself(store: SqlStore, settings: Settings,
                                            tmp_path: Path) -> None:
    # Item 3 as reported: the 100,000-deep line *first*, then 50 valid records. A file
    # starting with "[" was read as one JSON array, so the whole file was one rejection.
    path = tmp_path / "deep-first.jsonl"
    lines = [b"[" * 100_000, *(_valid(n).encode() for n in range(50))]
    path.write_bytes(b"\n".join(lines) + b"\n")

    report = ingest_paths(store, [path], settings)

    assert report.count(AddOutcome.ADDED) == 50, report.describe()
    [deep] = report.rejections
    assert (deep.label, deep.reason) == (f"{path}:1", "invalid JSON: nested too deeply")


def test_a_broken_json_array_is_still_one_rejection(store: SqlStore, settings: Settings,
                                                    tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("[\n" + ",\n".join(_valid(n) for n in range(3)) + ",\n", encoding="utf-8")
    report = ingest_paths(store, [path], settings)
    [broken] = report.results
    assert broken.outcome is AddOutcome.REJECTED
    assert (broken.reason or "").startswith("invalid JSON")


def test_a_failing_record_is_reported_and_the_run_goes_on(store: SqlStore,
                                                         settings: Settings) -> None:
    drafts = [ArticleDraft(title=f"Draft {n}", text=f"Draft {n}. {BODY}", source="s",
                           published_at="not a datetime" if n == 1 else None)  # type: ignore[arg-type]
              for n in range(3)]
    results = ingest_drafts(store, drafts, settings)
    assert [r.outcome for r in results] == [AddOutcome.ADDED, AddOutcome.REJECTED,
                                            AddOutcome.ADDED]
    assert (results[1].reason or "").startswith("could not be saved")


def test_bidi_controls_never_reach_titles(store: SqlStore, settings: Settings) -> None:
    # Item 10: U+202E and U+200F survived into titles (visual spoofing).
    draft = ArticleDraft(title="Invoice \u202egpj.exe\u202c \u2067x\u2069", source="s\u200f",
                         text=f"\u202eReversed\u202c text. {BODY}")
    [result] = ingest_drafts(store, [draft], settings)
    article = store.get_article(result.article_id or 0)
    assert article is not None
    assert (article.title, article.source) == ("Invoice gpj.exe x", "s")
    assert article.text.startswith("Reversed text.")


# Bounded reads (item 4) ------------------------------------------------------------
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_devices_and_fifos_are_refused_before_reading(tmp_path: Path) -> None:
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)  # opening it for reading would block forever without a writer
    for path in (zero, fifo):
        result = read_input(str(path), 1000)
        assert isinstance(result, Rejection)
        assert "not a regular file" in result.reason


def test_reads_stop_at_the_cap_whatever_stat_says(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 1000)
    result = read_input(str(path), 100)
    assert isinstance(result, Rejection)
    assert result.reason == "too large: more than 100 bytes"


def test_json_lines_are_streamed_with_a_cap_per_line(tmp_path: Path) -> None:
    path = tmp_path / "lines.jsonl"
    path.write_bytes(b'{"a": 1}\n' + b"x" * 5000 + b"\n" + b'{"b": 2}')
    stream = read_input(str(path), 100)
    assert isinstance(stream, LineStream)
    assert list(stream.lines) == [b'{"a": 1}\n', None, b'{"b": 2}']


def test_a_large_json_lines_file_is_ingested_line_by_line(store: SqlStore, tmp_path: Path,
                                                          settings: Settings) -> None:
    # A file over the per-document cap is fine: only each line is capped.
    small = settings.model_copy(update={"max_article_chars": 200})
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(json.dumps({"title": f"T{n}", "text": f"Short item {n}."})
                              for n in range(400)), encoding="utf-8")
    assert path.stat().st_size > small.max_article_chars * 4
    report = ingest_paths(store, [path], small)
    assert report.count(AddOutcome.ADDED) == 400, report.describe()


# Standard input (item 5) -----------------------------------------------------------
def test_ingest_reads_standard_input(store: SqlStore, settings: Settings) -> None:
    stdin = io.BytesIO(f"{BODY}\nAnd a second line.".encode())
    report = ingest_paths(store, ["-"], settings, stdin=stdin)
    assert report.count(AddOutcome.ADDED) == 1, report.describe()


def test_newsdigest_ingest_dash_reads_the_pipe(tmp_path: Path) -> None:
    env = {**os.environ, "DATA_DIR": str(tmp_path / "data")}
    text = (f"{_valid(1)}\n{{\"title\": \"bad \\ud800\", \"text\": \"Bad one. {BODY}\"}}\n"
            f"{_valid(2)}\n")
    command = Path(sys.executable).parent / "newsdigest"
    done = subprocess.run([str(command), "ingest", "-"],
                          input=text.encode(), capture_output=True, env=env, cwd=tmp_path,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert "3 added" in done.stdout.decode()
