"""Polling 200 local feeds of 50 entries each: a cold round, then a warm (all 304) round.

    .venv/bin/python benchmarks/bench_poll.py [--feeds 200] [--entries 50] [--hosts 10]

The feeds are served by a real aiohttp server on 127.0.0.1 (one listener per "host",
so the fetcher's per-host limit of 2 applies per port, as it would across sites). Each
feed answers 304 to a matching If-None-Match. The cold round fetches every feed and
stores every entry through the full ingest pipeline (normalize, language, MinHash, LSH,
SQLite); the warm round, one interval later, must send only conditional requests and
store nothing. The server counts what it received, so the request figures are not
self-reported by the client.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from digests.settings import Settings
from digests.store import SqlStore, open_store
from digests.store.sources import SourceRepository
from digests.web.fetch import Fetcher
from digests.web.poller import Poller
from tests.web.samples import rss


@dataclass
class Counts:
    requests: int = 0
    conditional: int = 0
    not_modified: int = 0

    def reset(self) -> None:
        self.requests = self.conditional = self.not_modified = 0


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


async def serve(feeds: int, entries: int, hosts: int,
                counts: Counts) -> tuple[web.AppRunner, list[str]]:
    bodies = {f"/feed/{i}": rss(entries, seed=i, title=f"Feed {i}",
                                base=f"https://site{i}.example.org").encode()
              for i in range(feeds)}

    async def handler(request: web.Request) -> web.StreamResponse:
        counts.requests += 1
        etag = f'"{request.path}"'
        if "If-None-Match" in request.headers or "If-Modified-Since" in request.headers:
            counts.conditional += 1
        if request.headers.get("If-None-Match") == etag:
            counts.not_modified += 1
            return web.Response(status=304)
        return web.Response(body=bodies[request.path], content_type="application/rss+xml",
                            headers={"ETag": etag})

    app = web.Application()
    app.router.add_get("/feed/{n}", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    ports = []
    for _ in range(hosts):
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        ports.append(runner.addresses[-1][1])
    urls = [f"http://127.0.0.1:{ports[i % hosts]}/feed/{i}" for i in range(feeds)]
    return runner, urls


async def main(feeds: int, entries: int, hosts: int) -> None:
    counts = Counts()
    runner, urls = await serve(feeds, entries, hosts, counts)
    clock = Clock()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, data_dir=Path(tmp),  # type: ignore[call-arg]
                            fetch_allow_private_addresses=True)
        store = open_store(settings.resolved_database_url(), clock=clock)
        assert isinstance(store, SqlStore)
        repo = SourceRepository.for_store(store)
        for url in urls:
            repo.add(url)
        rows = []
        async with Fetcher(settings, clock=clock) as fetcher:
            poller = Poller(store, repo, fetcher, settings, clock=clock)
            for name in ("cold", "warm (304)"):
                counts.reset()
                started = time.perf_counter()
                report = await poller.poll_due()
                elapsed = time.perf_counter() - started
                rows.append((name, elapsed, len(report.outcomes), counts.requests,
                             counts.conditional, counts.not_modified, report.stored,
                             report.failed, store.count_articles()))
                clock.now += timedelta(minutes=16)
        store.close()
    await runner.cleanup()
    header = ("round", "time s", "feeds", "requests", "conditional", "304", "stored",
              "failed", "in db")
    print(f"{feeds} feeds x {entries} entries on {hosts} local ports (per-host limit 2)")
    print(" | ".join(f"{h:>11}" for h in header))
    for row in rows:
        print(" | ".join(f"{v:>11.2f}" if isinstance(v, float) else f"{v!s:>11}" for v in row))
    warm = rows[1]
    assert warm[6] == 0, "the warm round stored articles"
    assert warm[3] == warm[4] == warm[5] == feeds, "the warm round sent unconditional requests"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--hosts", type=int, default=10)
    args = parser.parse_args()
    asyncio.run(main(args.feeds, args.entries, args.hosts))
