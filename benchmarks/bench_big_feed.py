"""One poll of a JSON Feed of 100,000 items: time and peak memory, capped and uncapped.

    nice -n 19 .venv/bin/python benchmarks/bench_big_feed.py [--items 100000] [--caps 200,100000]

Each cap runs in its own process (peak RSS is per process, so it counts the poller alone:
the feed is written once and served by `python -m http.server` on 127.0.0.1).
`FEED_MAX_ENTRIES_PER_POLL` is the cap; a cap equal to the item count is the behaviour
before there was one (issue 13.18: 103 s, 280 MB). Each run polls twice: the first poll
stores the newest `cap` items, the second the next `cap`, which is how a backlog drains.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from digests.settings import Settings
from digests.store import open_store
from digests.store.sources import SourceRepository
from digests.web.fetch import Fetcher
from digests.web.poller import Poller
from tests.web.samples import WORDS


def json_feed(items: int) -> bytes:
    """`items` distinct short items, one a minute, newest first as feeds list them."""
    start = datetime(2026, 3, 1, tzinfo=UTC)
    entries = []
    for i in range(items):
        words = " ".join(WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(12))
        entries.append({"id": f"item-{i}", "title": f"Item {i}: {words[:40]}",
                        "content_text": f"{words.capitalize()} number {i}.",
                        "date_published": (start - timedelta(minutes=i)).isoformat()})
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Big",
                       "items": entries}).encode()


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


async def run(url: str, size: int, cap: int, folder: Path) -> dict[str, float]:
    settings = Settings(_env_file=None, data_dir=folder,  # type: ignore[call-arg]
                        fetch_allow_private_addresses=True, fetch_max_bytes=size + 1,
                        feed_max_entries_per_poll=cap)
    clock = Clock()
    store = open_store(settings.resolved_database_url(), clock=clock)
    repo = SourceRepository.for_store(store)
    repo.add(url)
    figures: dict[str, float] = {}
    try:
        async with Fetcher(settings, clock=clock) as fetcher:
            poller = Poller(store, repo, fetcher, settings, clock=clock)
            for number in (1, 2):
                started = time.perf_counter()
                report = await poller.poll_due()
                assert report.failed == 0, report.outcomes
                figures[f"poll{number}_s"] = time.perf_counter() - started
                figures[f"poll{number}_stored"] = report.stored
                clock.now += timedelta(hours=1)
    finally:
        store.close()
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--caps", default="200,100000")
    parser.add_argument("--url", help=argparse.SUPPRESS)  # child process: one cap
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        with tempfile.TemporaryDirectory() as folder:
            figures = asyncio.run(run(args.url, args.size, args.one, Path(folder)))
        print(json.dumps(figures))
        return
    with tempfile.TemporaryDirectory() as served:
        feed = Path(served) / "feed.json"
        feed.write_bytes(json_feed(args.items))
        size = feed.stat().st_size
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                                   "127.0.0.1", "--directory", served],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(port)
            print(f"JSON Feed of {args.items:,} items ({size / 1e6:.1f} MB), two polls each\n")
            print(f"{'cap':>8} {'poll 1 s':>9} {'stored':>7} {'poll 2 s':>9} {'stored':>7} "
                  f"{'peak RSS MB':>12}")
            for cap in (int(c) for c in args.caps.split(",")):
                out = subprocess.run(
                    [sys.executable, __file__, "--url", f"http://127.0.0.1:{port}/feed.json",
                     "--size", str(size), "--one", str(cap)],
                    check=True, capture_output=True, text=True)
                f = json.loads(out.stdout.strip().splitlines()[-1])
                print(f"{cap:>8,} {f['poll1_s']:>9.1f} {f['poll1_stored']:>7,.0f} "
                      f"{f['poll2_s']:>9.1f} {f['poll2_stored']:>7,.0f} "
                      f"{f['peak_rss_mb']:>12.0f}")
        finally:
            server.terminate()
            server.wait()


def wait_for(port: int) -> None:
    """Until the server accepts connections (it starts in well under a second)."""
    for _ in range(200):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise SystemExit("the feed server did not start")


if __name__ == "__main__":
    main()
