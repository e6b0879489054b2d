"""Log lines: the event's fields on the line, JSON one object per line, tracebacks inside."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest

from bot.logsafe import configure_logging
from digests.ops.logformat import event_fields

TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"


def _lines(stream: io.StringIO) -> list[str]:
    return [line for line in stream.getvalue().splitlines() if line]


def test_json_lines_carry_the_fields_and_the_traceback_without_the_token() -> None:
    stream = io.StringIO()
    handler = configure_logging("INFO", TOKEN, stream, json_format=True)
    log = logging.getLogger("tests.ops.logformat")
    try:
        log.info("delivered", extra=event_fields(chat=-100, subscription=7,
                                                  period="2026-12-05", outcome="sent"))
        try:
            raise RuntimeError(f"https://api.telegram.org/bot{TOKEN}/sendMessage failed")
        except RuntimeError:
            log.exception("send failed", extra=event_fields(chat=5))
    finally:
        logging.getLogger().removeHandler(handler)
    first, second = (json.loads(line) for line in _lines(stream))
    assert first["message"] == "delivered"
    assert (first["chat"], first["subscription"], first["period"], first["outcome"]) == (
        -100, 7, "2026-12-05", "sent")
    assert first["level"] == "INFO"
    assert first["time"].endswith("+00:00")
    assert "RuntimeError" in second["exception"]
    assert TOKEN not in stream.getvalue()


def test_text_lines_append_the_fields_on_the_message_line() -> None:
    stream = io.StringIO()
    handler = configure_logging("INFO", None, stream)
    try:
        logging.getLogger("tests.ops.logformat").warning(
            "feed paused", extra=event_fields(source="https://example.org/feed", outcome="paused"))
    finally:
        logging.getLogger().removeHandler(handler)
    [line] = _lines(stream)
    assert line.endswith("feed paused outcome=paused source=https://example.org/feed")


def test_unknown_fields_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown log fields"):
        event_fields(user_name="x")


def test_an_ingest_run_logs_its_counts(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from digests.ingest import ingest_paths
    from digests.settings import Settings
    from digests.store import open_store

    folder = tmp_path / "in"
    folder.mkdir()
    story = "Parliament passed the budget on Tuesday after a long debate about taxes. " * 3
    (folder / "a.txt").write_text(story)
    (folder / "b.txt").write_text(story)  # the same text again: a duplicate
    (folder / "c.txt").write_text("")
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    store = open_store(settings.resolved_database_url())
    try:
        with caplog.at_level(logging.INFO, logger="digests.ingest.pipeline"):
            ingest_paths(store, [folder], settings)
    finally:
        store.close()
    [record] = [r for r in caplog.records if r.getMessage().startswith("ingested")]
    fields = {key: getattr(record, key) for key in
              ("files", "added", "duplicate", "near_duplicate", "updated", "rejected")}
    assert fields == {"files": 3, "added": 1, "duplicate": 1, "near_duplicate": 0,
                      "updated": 0, "rejected": 1}
