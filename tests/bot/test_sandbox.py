"""The sandbox: the scripted terminal chat prints the bot's replies built from the seeds."""

from __future__ import annotations

import io
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

from rich.console import Console

from bot.sandbox import sandbox_main
from digests.settings import Settings


async def _lines(*lines: str) -> AsyncIterator[str]:
    for line in lines:
        yield line


async def run_scripted(tmp_path: Path, seeded_db: Path, *lines: str,
                       ingest_seeds: bool = False) -> str:
    """What the in-process sandbox prints for `lines`, over a copy of the seeded database."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(seeded_db, data / seeded_db.name)
    settings = Settings(_env_file=None, data_dir=data)  # type: ignore[call-arg]
    buffer = io.StringIO()
    console = Console(file=buffer, width=200)
    await sandbox_main(settings, console, ingest_seeds=ingest_seeds, lines=_lines(*lines))
    return buffer.getvalue()


async def test_scripted_session_prints_replies_from_the_seeds(tmp_path: Path,
                                                              seeded_db: Path) -> None:
    out = await run_scripted(
        tmp_path, seeded_db,
        "/start", "/summary russia china", "/digest russia-china 100000d", "/search putin",
        "/press 2", "/as group", "/topics@newsdigest_bot", "/press 9", "/quit",
        ingest_seeds=True)
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
    out = await run_scripted(tmp_path, seeded_db,
                             "/as group", "hello everyone", "/topics@newsdigest_bot")
    assert "does not see this message" in out
    assert "russia-china" in out


DEMO = """\
/sandbox
/subscribe russia-china 08:00
/wait
@newsdigest_bot russia china
/choose 1
/source add $FEED
/digest space 7d
/paste
Council approves the river bridge

The council voted on Tuesday to build a new bridge over the river after ten years of \
debate. The vote was close and the mayor spoke for an hour before it.

The bridge will cost forty million and open in three years. Cyclists will get their \
own lane, and the old ferry will keep running until the bridge opens.
/end
/as group
/as user2
/digest@newsdigest_bot russia-china
/press 2
"""


def run_sandbox_process(tmp_path: Path, seeded_db: Path, script: str) -> tuple[int, str]:
    """`newsdigest sandbox` as a user runs it, with `script` on its standard input."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(seeded_db, data / seeded_db.name)
    env = {**os.environ, "DATA_DIR": str(data), "COLUMNS": "200"}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    done = subprocess.run([str(Path(sys.executable).parent / "newsdigest"), "sandbox"],
                          input=script, capture_output=True, text=True, env=env, cwd=tmp_path,
                          timeout=300, check=False)
    return done.returncode, done.stdout + done.stderr


def test_a_scripted_stdin_shows_everything_the_bot_does(tmp_path: Path,
                                                        seeded_db: Path) -> None:
    """Issue 12: pushed digests, button answers, inline mode, adding a feed, one paste."""
    code, out = run_sandbox_process(tmp_path, seeded_db, DEMO)
    assert code == 0, out
    assert "/wait [DURATION]" in out
    assert "/choose N" in out
    pushed = out.split("> /wait", 1)[1].split("> @newsdigest_bot", 1)[0]
    assert "(pushed)" in pushed
    assert "Russia–China relations" in pushed
    inline = out.split("> @newsdigest_bot russia china", 1)[1].split("> /source", 1)[0]
    assert "[1] 📰 Digest: Russia–China relations" in inline
    assert "(Alice posted via @newsdigest_bot)" in inline
    assert "Added: 2 entries, 2 new articles." in out
    assert "Sandbox sample: a test rocket reaches orbit" in out
    paste = out.split("> Council approves the river bridge", 1)[1].split("You are Alice", 1)[0]
    assert "Send me a longer text" not in paste
    assert paste.count("sentences ·") == 1  # one message, one summary
    assert "(alert) Sorry, only this chat's administrators" in out
    assert "Traceback" not in out
    assert "ConnectionResetError" not in out


async def test_button_answers_are_printed(tmp_path: Path, seeded_db: Path) -> None:
    """The 🔔 button's "Subscribed …" toast used to print nothing at all."""
    out = await run_scripted(tmp_path, seeded_db, "/digest russia-china 100000d", "/press 2")
    assert "(notification) Subscribed to Russia–China relations" in out


async def test_admin_toggle_and_default(tmp_path: Path, seeded_db: Path) -> None:
    """Alice is the bot's admin in the sandbox; /admin takes it away (and gives it back)."""
    out = await run_scripted(tmp_path, seeded_db, "/admin",
                             "/source add https://example.org/feed.xml", "/admin", "/wait 10m")
    assert "Alice is no longer an administrator" in out
    assert "Only the bot's administrators" in out
    assert "Alice is now an administrator" in out
    assert "Nothing is scheduled" not in out
    assert "(sandbox clock:" in out


def _read_until(fd: int, wanted: bytes, ceiling: float) -> tuple[bytes, bool]:
    """Read the terminal until `wanted` appears, it closes, or `ceiling` seconds pass.

    Returns what was read and whether the terminal closed (the child exited).
    """
    seen = b""
    deadline = time.monotonic() + ceiling
    while not (wanted and wanted in seen) and \
            select.select([fd], [], [], max(0.0, deadline - time.monotonic()))[0]:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the child exited and closed the terminal
            return seen, True
        if not chunk:
            return seen, True
        seen += chunk
    return seen, False


def test_ctrl_c_at_the_prompt_exits_at_once(tmp_path: Path, seeded_db: Path) -> None:
    """Ctrl-C at `you>` hung until Enter: a thread blocked in input() kept asyncio waiting."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(seeded_db, data / seeded_db.name)
    env = {**os.environ, "DATA_DIR": str(data)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the sandbox in the foreground of a terminal
        # As an interactive shell does for a foreground job: a suite started in the
        # background (`make test &`) runs with SIGINT ignored, and the child would inherit
        # that, so the terminal's Ctrl-C would reach a sandbox that ignores it.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        os.chdir(tmp_path)
        os.execve(str(Path(sys.executable).parent / "newsdigest"),
                  ["newsdigest", "sandbox", "--no-seeds"], env)
    exited = False
    try:
        # Start-up under load takes seconds; the ceilings only keep a broken build from hanging.
        seen, _ = _read_until(fd, b"you> ", ceiling=300)
        assert b"you> " in seen, seen
        os.write(fd, b"\x03")  # the terminal turns it into SIGINT, as a keyboard does
        _, exited = _read_until(fd, b"", ceiling=120)  # its exit closes the terminal
    finally:
        if not exited:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert exited, "the sandbox was still running 120 s after Ctrl-C"
    assert os.waitstatus_to_exitcode(status) == 130


def test_an_alert_arrives_in_the_sandbox(tmp_path: Path, seeded_db: Path) -> None:
    """Issue 16: /alert, a feed brings a new story, /wait runs the jobs: one alert pushed."""
    script = "/alert space\n/source add $FEED\n/wait 1m\n/wait 1m\n"
    code, out = run_sandbox_process(tmp_path, seeded_db, script)
    assert code == 0, out
    pushed = out.split("> /wait 1m", 1)[1]
    assert pushed.count("🚨 Alert · space") == 1
    assert "Sandbox sample: a test rocket reaches orbit" in pushed
    assert "Mute this story" in pushed
    assert "Traceback" not in out


async def test_an_explicit_lang_switches_chats_an_earlier_run_made_english(
        tmp_path: Path, seeded_db: Path) -> None:
    """`sandbox --lang ru` on a data folder whose chats were first seen in English.

    Regression: the chat kept the language of its first contact, so the second run
    answered `--lang ru` in English.
    """
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(seeded_db, data / seeded_db.name)
    settings = Settings(_env_file=None, data_dir=data)  # type: ignore[call-arg]

    async def run(*lines: str, **language: object) -> str:
        buffer = io.StringIO()
        await sandbox_main(settings, Console(file=buffer, width=200), ingest_seeds=False,
                           lines=_lines(*lines), **language)  # type: ignore[arg-type]
        return buffer.getvalue()

    assert "What I can do" in await run("/start", language_code="en")
    kept = await run("/start", language_code="ru")  # as a Telegram app reports it: no change
    assert "What I can do" in kept
    switched = await run("/start", language_code="ru", choose_language=True)
    assert "What I can do" not in switched
    assert "Что я умею" in switched
