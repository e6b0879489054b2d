"""The sandbox: the scripted terminal chat prints the bot's replies built from the seeds."""

from __future__ import annotations

import io
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

from rich.console import Console

from bot.sandbox import sandbox_main
from digests.settings import Settings


async def _lines(*lines: str) -> AsyncIterator[str]:
    for line in lines:
        yield line


async def test_scripted_session_prints_replies_from_the_seeds(tmp_path: Path,
                                                              seeded_db: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(seeded_db, data / seeded_db.name)
    settings = Settings(_env_file=None, data_dir=data)  # type: ignore[call-arg]
    buffer = io.StringIO()
    console = Console(file=buffer, width=120, force_terminal=False)
    await sandbox_main(settings, console, ingest_seeds=True, lines=_lines(
        "/start", "/summary russia china", "/digest russia-china 100000d", "/search putin",
        "/press 2", "/as group", "/topics@newsdigest_bot", "/press 9", "/quit",
    ))
    out = buffer.getvalue()
    assert "What I can do" in out
    assert "sentences" in out
    assert "Russia–China relations" in out
    assert "page 2 of" in out or "2/" in out
    assert "You are Alice, in the group." in out
    assert "russia-china" in out
    assert "no such button" in out


async def test_sandbox_ingests_seeds_into_an_empty_database(tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]
    buffer = io.StringIO()
    console = Console(file=buffer, width=120)
    await sandbox_main(settings, console, ingest_seeds=True, lines=_lines("/topics"))
    out = buffer.getvalue()
    assert "added" in out
    assert "russia-china" in out


async def test_group_chatter_the_bot_cannot_see_is_reported_at_once(tmp_path: Path,
                                                                    seeded_db: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(seeded_db, data / seeded_db.name)
    settings = Settings(_env_file=None, data_dir=data)  # type: ignore[call-arg]
    buffer = io.StringIO()
    console = Console(file=buffer, width=200)
    await sandbox_main(settings, console, ingest_seeds=False, lines=_lines(
        "/as group", "hello everyone", "/topics@newsdigest_bot"))
    out = buffer.getvalue()
    assert "does not see this message" in out
    assert "russia-china" in out
