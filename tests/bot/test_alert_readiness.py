"""`/readyz` watches the alert job: it must tick within two of its intervals (issue 17).

The bot runs against the local Bot API with the operations server; the heartbeat clock is
moved forward instead of waiting, and the job is run by hand to show readiness returns.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.jobs_alerts import JOB_NAME
from digests.ops.server import OpsServer
from tests.bot.conftest import BotWorld, open_measured_world
from tests.ops.scrape import get

INTERVAL = 3600.0  # the job's own ticks never interfere: only the first, 1 s after start


@pytest.fixture
async def measured(tmp_path: Path,
                   seeded_db: Path) -> AsyncIterator[tuple[BotWorld, OpsServer]]:
    async with open_measured_world(tmp_path, seeded_db,
                                   alert_interval_seconds=INTERVAL) as opened:
        yield opened


def _alerts_check(body: dict[str, object]) -> dict[str, object]:
    checks = body["checks"]
    assert isinstance(checks, dict)
    check = checks[f"scheduler:{JOB_NAME}"]
    assert isinstance(check, dict)
    return check


async def test_readyz_turns_unready_when_the_alert_job_stops_ticking(
        measured: tuple[BotWorld, OpsServer]) -> None:
    world, ops = measured
    status, body = await get(ops.url, "/readyz")
    assert status == 200, body
    assert _alerts_check(body)["ok"] is True
    assert f"interval {INTERVAL:.0f} s" in str(_alerts_check(body)["detail"])

    beats = ops.metrics.heartbeats
    real_clock = beats.clock
    beats.clock = lambda: real_clock() + 2 * INTERVAL + 60  # two intervals and a minute on
    status, body = await get(ops.url, "/readyz")
    assert status == 503
    assert _alerts_check(body)["ok"] is False

    assert world.app.job_queue is not None
    [job] = world.app.job_queue.get_jobs_by_name(JOB_NAME)
    await job.run(world.app)  # the job ticks again
    status, body = await get(ops.url, "/readyz")
    assert _alerts_check(body)["ok"] is True
