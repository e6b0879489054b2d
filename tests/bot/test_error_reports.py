"""Admin error reports: one message per kind of error per interval, with a count, no token.

Issue 13.7 / 17: twenty bad links from one user sent twenty tracebacks to the admin. The
fault is injected with a handler that raises (the bot has no known internal error left to
trigger); the report job is called directly instead of waiting for its tick.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Update
from telegram.ext import CallbackContext, CommandHandler

from bot.botapi import StoredMessage
from bot.error_reports import ErrorReports
from bot.errors import REPORT_JOB, send_error_reports
from tests.bot.conftest import TOKEN, BotWorld, open_world

INTERVAL = 600.0


def _fail(update: Update, context: object) -> None:
    del update, context
    raise RuntimeError(f"upstream said no at https://api.telegram.org/bot{TOKEN}/getMe")


def _fail_elsewhere(update: Update, context: object) -> None:
    del update, context
    raise RuntimeError("a different bug")


async def _boom(update: Update, context: object) -> None:
    _fail(update, context)


async def _other(update: Update, context: object) -> None:
    _fail_elsewhere(update, context)


@pytest.fixture
async def faulty(tmp_path: Path, seeded_db: Path) -> AsyncIterator[tuple[BotWorld, list[float]]]:
    """Alice is the admin; /boom and /other fail; the report clock only moves when told."""
    async with open_world(tmp_path, seeded_db, alice_is_admin=True) as world:
        assert world.app.job_queue is not None
        for job in world.app.job_queue.get_jobs_by_name(REPORT_JOB):
            job.schedule_removal()  # the test sends reports itself, at the moments it chooses
        now = [0.0]
        world.services.error_reports = ErrorReports(INTERVAL, clock=lambda: now[0])
        # First in group 0, ahead of the unknown-command answer, as a real command would be.
        world.app.handlers[0][:0] = [CommandHandler("boom", _boom),
                                     CommandHandler("other", _other)]
        yield world, now


async def _fail_times(world: BotWorld, command: str, times: int) -> None:
    for _ in range(times):
        [apology] = await world.say(world.bob, command, user=world.bob)
        assert "went wrong" in apology.text


async def _reports(world: BotWorld) -> list[StoredMessage]:
    before = len(world.server.sent_messages(world.alice.id))
    await send_error_reports(CallbackContext(world.app))  # type: ignore[arg-type]
    return world.server.sent_messages(world.alice.id)[before:]


async def test_twenty_identical_errors_make_one_report(
        faulty: tuple[BotWorld, list[float]]) -> None:
    world, _ = faulty
    await _fail_times(world, "/boom", 20)
    assert world.server.sent_messages(world.alice.id) == []  # nothing before the job runs
    [report] = await _reports(world)
    assert "RuntimeError ×20" in report.text
    assert "upstream said no" in report.text
    assert "_fail" in report.text  # the first traceback's innermost frames
    assert TOKEN not in report.text
    assert TOKEN.split(":")[1] not in report.text
    assert world.server.errors() == []


async def test_each_kind_is_reported_at_most_once_per_interval(
        faulty: tuple[BotWorld, list[float]]) -> None:
    world, now = faulty
    await _fail_times(world, "/boom", 2)
    await _fail_times(world, "/other", 1)
    reports = await _reports(world)
    assert sorted(r.text.splitlines()[0] for r in reports) == [
        "Error RuntimeError", "Error RuntimeError ×2"]
    await _fail_times(world, "/boom", 3)
    now[0] = INTERVAL - 1
    assert await _reports(world) == []
    now[0] = INTERVAL
    [later] = await _reports(world)
    assert "RuntimeError ×3" in later.text


async def test_a_russian_admin_reads_the_report_headed_in_russian(
        faulty: tuple[BotWorld, list[float]]) -> None:
    world, _ = faulty
    world.alice.language_code = "ru"
    await world.say(world.alice, "/start")  # the admin's chat with the bot reads Russian
    await _fail_times(world, "/boom", 1)
    [report] = await _reports(world)
    assert report.text.startswith("Ошибка RuntimeError\n")
