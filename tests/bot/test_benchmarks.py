"""The bot's benchmarks still measure the bot: `make bench` is not in CI, so they rot unseen.

`bench_fanout.py`'s seeded article was pasted text, undated since honest dates (issue
11.6), so the 24 h digest was empty and 0 of N chats got a message while the table still
printed; `bench_inline.py` crashed ("no inline handler registered") once handlers were
wrapped for metrics. Each runs here at its smallest size.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import pytest
from bench_fanout import run
from bench_inline import run as run_inline


async def test_every_subscribed_chat_gets_one_digest() -> None:
    results = await run(5, warmup=0.0)
    assert (results["messages"], results["losses"], results["duplicates"]) == (5, 0, 0)


async def test_inline_answers_are_timed(capsys: pytest.CaptureFixture[str]) -> None:
    await run_inline(1)
    table = capsys.readouterr().out
    assert "| cold     |    12 |" in table
