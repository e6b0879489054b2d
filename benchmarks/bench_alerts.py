"""Alerts for 1,000 chats on 5 topics as 200 new articles in 50 stories arrive.

    nice -n 19 .venv/bin/python benchmarks/bench_alerts.py            # ~1-2 minutes
    nice -n 19 .venv/bin/python benchmarks/bench_alerts.py --chats 200 --stories 10

Real core, fake network: a fresh SQLite database, N chats each with an alert on one of five
ad-hoc topics (N/5 per topic), and `AlertService` ticks with a sender that answers at once
(Telegram's pace is the delivery bot's, measured by bench_fanout.py; the table prints the
floor it sets). Stories arrive in four waves of one report each (ingest, then one tick): the
first report opens the alerts, the next three are later reports from other sources that must
edit the alerts already sent, never send new ones. Reported: messages sent against the
expected chats x matching stories, duplicates (a chat getting one story twice), time from the
first ingest to the last alert, the matching tick's time, and edits per (chat, story).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from digests.alerts.outcomes import RoundupItem
from digests.alerts.service import AlertService
from digests.models import Article, Summary
from digests.models.subscriptions import Subscription
from digests.service import NewsService
from digests.settings import Settings
from digests.store import SqlStore, open_store
from digests.store.alerts import AlertLedger
from digests.store.schema import chats, subscriptions
from digests.store.subscriptions import SubscriptionRepository
from digests.subscriptions.outcomes import Begin, Outcome, Rendered, SendResult, Target, Wait

TOPICS = ("earthquake", "election", "football", "vaccine", "satellite")
SOURCES = ("Wire", "Daily", "Radio", "Herald")


class CountingSender:
    """Answers every send at once and numbers the messages."""

    def __init__(self) -> None:
        self.sent: list[tuple[int, str]] = []
        self.last_at = 0.0

    async def send_part(self, target: Target, text: str, *, markup: Mapping[str, Any] | None,
                        wait: Wait, begin: Begin) -> SendResult:
        await begin()
        self.sent.append((target.chat_id, text))
        self.last_at = time.perf_counter()
        return SendResult(Outcome.SENT, 1, message_id=len(self.sent))

    async def edit_part(self, chat_id: int, message_id: int, text: str, *,
                        markup: Mapping[str, Any] | None) -> Outcome:
        return Outcome.SENT


class PlainRenderer:
    """The story's first line is enough to count duplicates."""

    def alert(self, sub: Subscription, lead: Article, summary: Summary,
              also: Sequence[str], delivery_id: int) -> Rendered:
        return Rendered((f"{lead.title}|{len(also)}",))

    def roundup(self, sub: Subscription, items: Sequence[RoundupItem], *,
                spilled: bool) -> Rendered:
        return Rendered(("roundup",))


def vocabulary() -> list[str]:
    """Distinct long words of the bundled corpus (made-up syllable words share so many
    character shingles that MinHash rightly calls their texts near-copies)."""
    text = (Path(__file__).resolve().parent.parent / "seeds" / "corpus.jsonl").read_text()
    found = {w.lower() for w in re.findall(r"[A-Za-z]{7,}", text)}
    return sorted(w for w in found if not any(t[:5] in w for t in TOPICS))


def stories(count: int, seed: int = 7) -> list[tuple[str, list[tuple[str, str]]]]:
    """(topic, four reports (title, text)) per story: one vocabulary, different orders.

    Each story has its own made-up names, so reports of one story fold together and
    different stories share nothing but their topic's word.
    """
    rng = random.Random(seed)
    pool = vocabulary()
    rng.shuffle(pool)
    made = []
    for n in range(count):
        topic = TOPICS[n % len(TOPICS)]
        names = [w.capitalize() for w in pool[n * 16:(n + 1) * 16]]
        reports = []
        for _ in range(4):
            shuffled = names[:]
            rng.shuffle(shuffled)
            sentences = [" ".join(shuffled[k:k + 4]) + "." for k in range(0, 16, 4)]
            reports.append((f"{topic.capitalize()}: {names[0]} {names[1]}",
                            f"{topic.capitalize()} {names[0]} {names[1]}. "
                            + " ".join(sentences)))
        made.append((topic, reports))
    return made


async def run(chats_n: int, stories_n: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, data_dir=Path(tmp))  # type: ignore[call-arg]
        store = open_store(settings.resolved_database_url())
        assert isinstance(store, SqlStore)
        news = NewsService(store, settings, {})
        now = datetime.now(UTC)
        with store.engine.begin() as conn:
            conn.execute(insert(chats), [{"chat_id": c, "type": "private", "created_at": now,
                                          "updated_at": now, "settings": {}}
                                         for c in range(1, chats_n + 1)])
            conn.execute(insert(subscriptions), [
                {"chat_id": c, "query": TOPICS[c % len(TOPICS)], "kind": "alert",
                 "created_at": now} for c in range(1, chats_n + 1)])
        sender = CountingSender()
        service = AlertService(SubscriptionRepository(store.engine), AlertLedger(store.engine),
                               news, sender, sender, PlainRenderer(),
                               clock=lambda: datetime.now(UTC), worker="bench")
        made = stories(stories_n)
        edits_before = 0
        start = time.perf_counter()
        ticks = []
        for wave in range(4):
            for _, reports in made:
                title, text = reports[wave]
                news.ingest_text(text, source=SOURCES[wave], title=title)
            tick = time.perf_counter()
            report = await service.run_once()
            ticks.append(time.perf_counter() - tick)
            edits_before += report["edited"]
        per_topic = Counter(topic for topic, _ in made)
        expected = sum(per_topic[TOPICS[c % len(TOPICS)]] for c in range(1, chats_n + 1))
        seen = Counter((chat, text.split("|")[0]) for chat, text in sender.sent)
        duplicates = sum(n - 1 for n in seen.values() if n > 1)
        store.close()
        return {"chats": chats_n, "stories": stories_n, "articles": stories_n * 4,
                "expected": expected, "sent": len(sender.sent), "duplicates": duplicates,
                "first_ingest_to_last_alert_s": sender.last_at - start,
                "first_tick_s": ticks[0], "edits": edits_before,
                "edits_per_alert": edits_before / max(1, len(sender.sent))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chats", type=int, default=1000)
    parser.add_argument("--stories", type=int, default=50)
    args = parser.parse_args()
    result = asyncio.run(run(args.chats, args.stories))
    width = max(len(k) for k in result)
    print(f"{'measure':<{width}}  value")
    for key, value in result.items():
        print(f"{key:<{width}}  {value:.2f}" if isinstance(value, float)
              else f"{key:<{width}}  {value}")
    print(f"{'telegram_floor_s':<{width}}  {result['sent'] / 30:.1f}  (30 msg/s overall)")


if __name__ == "__main__":
    main()
