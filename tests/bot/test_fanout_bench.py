"""`benchmarks/bench_fanout.py` measures deliveries that happen (a benchmark of nothing passed).

Its seeded article was pasted text, undated since honest dates (issue 11.6), so the 24 h
digest was empty and 0 of N chats got a message while the table still printed.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from bench_fanout import run


async def test_every_subscribed_chat_gets_one_digest() -> None:
    results = await run(5, warmup=0.0)
    assert (results["messages"], results["losses"], results["duplicates"]) == (5, 0, 0)
