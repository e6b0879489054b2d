"""Fan one digest out to N subscribed chats through the local Bot API server, flood limits on.

    .venv/bin/python benchmarks/bench_fanout.py --chats 1000      # ~40 s
    .venv/bin/python benchmarks/bench_fanout.py --chats 10000     # the full run, ~6 minutes

Everything is real except Telegram: a fresh SQLite database with one fresh article, N private
chats subscribed to it at the same minute, the bot's `Application` (python-telegram-bot's
`AIORateLimiter`) and the delivery core's `run_due`, against `BotApiServer(flood_limits=True)`,
which answers 429 exactly as Telegram's documented limits would (30 msg/s overall, 1 msg/s per
private chat). Reported: sustained messages per second after a warm-up, 429s after it,
duplicates and losses (chats with more or fewer than one digest), digests composed, and peak
RSS of the process (which also hosts the server).
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pydantic import SecretStr
from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app import build_application, build_services
from bot.botapi import BotApiServer
from bot.delivery import TelegramSender
from bot.jobs import build_delivery_service
from digests.settings import Settings
from digests.store.schema import chats, subscriptions
from digests.store.sql import sql_engine

TOKEN = "4242:BENCH-token"
TEXT = ("President Putin met President Xi in Beijing. The leaders signed an energy agreement. "
        "Officials said trade between Russia and China grew again this year.")


def seed(services: object, users: list[int], now: datetime) -> None:
    """One fresh article and N subscriptions due now, inserted in bulk.

    The article is dated an hour ago: an undated one (pasted text) is never a period's
    news (`digests.undated`), so the digest would be empty and nothing sent.
    """
    services.news.ingest_text(TEXT, source="bench", title="Putin and Xi sign a deal",  # type: ignore[attr-defined]
                              published_at=now - timedelta(hours=1))
    engine = sql_engine(services.news.store)  # type: ignore[attr-defined]
    with engine.begin() as conn:
        conn.execute(insert(chats), [
            {"chat_id": u, "type": "private", "created_at": now, "updated_at": now,
             "settings": {}} for u in users])
        conn.execute(insert(subscriptions), [
            {"chat_id": u, "query": "putin", "time_of_day": now.strftime("%H:%M"),
             "next_run_at": now, "last_window_end": now - timedelta(hours=24),
             "created_at": now, "empty_policy": "skip"} for u in users])


async def run(chats_n: int, warmup: float) -> dict[str, float]:
    """Deliver once to `chats_n` chats and measure."""
    with tempfile.TemporaryDirectory() as tmp:
        async with BotApiServer(token=TOKEN, flood_limits=True, log_requests=False) as server:
            accepted: list[float] = []
            rejected: list[float] = []
            acquire = server.limiter.acquire

            def counting(chat_id: int, private: bool) -> int:
                wait = acquire(chat_id, private)
                (rejected if wait else accepted).append(time.monotonic())
                return wait

            server.limiter.acquire = counting  # type: ignore[method-assign]
            users = [server.add_user(f"U{i}").id for i in range(chats_n)]
            settings = Settings(  # type: ignore[call-arg]
                _env_file=None, data_dir=Path(tmp), telegram_bot_token=SecretStr(TOKEN),
                telegram_api_base_url=server.base_url, digest_stories=1)
            services = build_services(settings)
            now = (datetime.now(UTC) + timedelta(minutes=1)).replace(second=0, microsecond=0)
            seed(services, users, now)
            app = build_application(settings, services)
            async with app:
                service = build_delivery_service(app, services, clock=lambda: now,
                                                 sender=TelegramSender(app.bot))
                start = time.monotonic()
                report = await service.run_due()
                elapsed = time.monotonic() - start
            services.news.store.close()
            per_chat = Counter(m.chat_id for m in server.sent_messages())
    if "--debug" in sys.argv:
        print("429 at", [round(t - start, 2) for t in rejected])
    after = [t for t in accepted if t >= start + warmup]
    span = (max(after) - min(after)) if len(after) > 1 else float("nan")
    return {
        "chats": chats_n, "messages": len(accepted), "seconds": elapsed,
        "msgs/s (sustained)": (len(after) - 1) / span if span == span else float("nan"),
        "429s total": len(rejected), "429s after warm-up": sum(t >= start + warmup
                                                               for t in rejected),
        "duplicates": sum(1 for u in users if per_chat[u] > 1),
        "losses": sum(1 for u in users if per_chat[u] == 0),
        "sent (core)": report["sent"], "digests composed": report.digests,
        "peak RSS MiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    """Parse options, run, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=10_000)
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds excluded")
    parser.add_argument("--debug", action="store_true", help="print when 429s happened")
    args = parser.parse_args()
    results = asyncio.run(run(args.chats, args.warmup))
    width = max(map(len, results))
    print(f"{'metric':<{width}}  value")
    print(f"{'-' * width}  -----")
    for name, value in results.items():
        shown = f"{value:.1f}" if isinstance(value, float) else str(value)
        print(f"{name:<{width}}  {shown}")
    print(f"{'target':<{width}}  >= 27 msg/s (90% of 30), 0 429s after warm-up, 0 dup, 0 lost")


if __name__ == "__main__":
    main()
