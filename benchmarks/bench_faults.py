"""Delivery under faults: the real `newsdigest run` against a misbehaving local Bot API server.

    .venv/bin/python benchmarks/bench_faults.py                  # every scenario, ~6 minutes
    .venv/bin/python benchmarks/bench_faults.py --only kill      # scenarios whose name matches
    .venv/bin/python benchmarks/bench_faults.py --chats 100      # more chats per scenario

Each scenario seeds a fresh database (the bundled seeds, N private chats each due one digest
now), starts `newsdigest run` as a child process against `FaultyBotApiServer` (flood limits
on, faults injected into ``sendMessage``), kills and restarts it where the scenario says, and
waits until every period in the ledger is final. Then it compares, chat by chat, the
messages the server stored with the parts the ledger stored for that chat's period:

- expected: parts of the digests (from the ledger); delivered: distinct expected parts that
  arrived; duplicated: extra copies of a part; mixed: chats that got a message that is not one
  of their digest's parts (a second rendering); ambiguous: parts the ledger counts as unknown
  (arrived / missing, from the server's log); lost: parts that neither arrived nor are
  counted ambiguous (silent losses). All zeros but ambiguous is the guarantee of the default
  policy (DELIVERY_AMBIGUOUS=skip: at most once per part, every doubt counted).
- recovery: seconds from kill -9 to the first message delivered after it.
- 429s: flood-control answers the server gave (the bot's own pacing should avoid them).

Two-worker scenarios run two `newsdigest run --webhook` processes on one PostgreSQL schema
(``--postgres``, default postgresql://postgres@127.0.0.1:5432/test; skipped when unreachable).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import signal
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.engine import Engine

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.botapi.faults import Fault, FaultyBotApiServer, Plan
from digests.service import NewsService
from digests.settings import Settings
from digests.store import open_store
from digests.store.engine import normalize_url
from digests.store.schema import chats, deliveries, subscriptions
from digests.topics import load_topics

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "4242:FAULTS-token"
QUERY = "russia-china"
FRESH = ("President Putin and President Xi met again in Beijing on {day}. The leaders discussed "
         "the pipeline, trade and energy deals. Officials in Moscow said Russia and China will "
         "sign more agreements. Analysts in Beijing expect talks on grain and gas. Story {n}.")
SINCE = datetime(2000, 1, 1, tzinfo=UTC)  # the window covers every seed: a 3-part digest
FINAL = ("sent", "empty", "skipped", "failed", "undeliverable")


@dataclass
class Scenario:
    """What to break and when."""

    name: str
    plan: Callable[[random.Random, list[int]], Plan] | None = None
    kill_at: tuple[float, ...] = ()  # fractions of the expected messages
    kill_in_flight: bool = False  # kill while a processed send's answer is held back
    ingest_before_restart: int = 0
    workers: int = 1
    postgres: bool = False
    env: dict[str, str] = field(default_factory=dict)
    probe: bool = False  # time a /start reply while the delivery waits on a long retry_after


@dataclass
class Result:
    """One line of the table."""

    name: str
    expected: int = 0
    delivered: int = 0
    duplicated: int = 0
    lost: int = 0
    mixed: int = 0
    ambiguous: int = 0
    ambiguous_arrived: int = 0
    recovery: list[float] = field(default_factory=list)
    seconds: float = 0.0
    rejected: int = 0
    unfinished: int = 0
    probe: float | None = None
    note: str = ""


def fraction(share: float, fault: Fault) -> Callable[[random.Random, list[int]], Plan]:
    """A plan injecting ``fault`` into about ``share`` of all sends (seeded)."""
    def build(rng: random.Random, users: list[int]) -> Plan:
        return lambda params: fault if rng.random() < share else None
    return build


def burst(seconds: float, code: int) -> Callable[[random.Random, list[int]], Plan]:
    """Every send fails with ``code`` for ``seconds`` after the first send."""
    def build(rng: random.Random, users: list[int]) -> Plan:
        start: list[float] = []

        def plan(params: dict[str, Any]) -> Fault | None:
            start.append(time.monotonic()) if not start else None
            return Fault("error", code) if time.monotonic() - start[0] < seconds else None
        return plan
    return build


def long_retry_after(seconds: int) -> Callable[[random.Random, list[int]], Plan]:
    """The first send to the first chat is answered 429 with ``retry_after=seconds``."""
    def build(rng: random.Random, users: list[int]) -> Plan:
        done: list[bool] = []

        def plan(params: dict[str, Any]) -> Fault | None:
            if not done and int(params["chat_id"]) == users[0]:
                done.append(True)
                return Fault("retry_after", seconds)
            return None
        return plan
    return build


SCENARIOS = [
    Scenario("no faults"),
    Scenario("kill -9 at 50%, restart", kill_at=(0.5,)),
    Scenario("kill -9 at 92%, restart", kill_at=(0.92,)),
    Scenario("kill -9 with a processed send unanswered", kill_in_flight=True),
    Scenario("kill -9 at 40%, 6 articles ingested, restart", kill_at=(0.4,),
             ingest_before_restart=6),
    Scenario("5% answered after 8 s", plan=fraction(0.05, Fault("slow", 8))),
    Scenario("5% answer lost after processing", plan=fraction(0.05, Fault("lost"))),
    Scenario("5% answer lost, DELIVERY_AMBIGUOUS=resend", plan=fraction(0.05, Fault("lost")),
             env={"DELIVERY_AMBIGUOUS": "resend"}),
    Scenario("5% reset before processing", plan=fraction(0.05, Fault("reset"))),
    Scenario("20% 502", plan=fraction(0.20, Fault("error", 502))),
    Scenario("every send 503 for 20 s", plan=burst(20, 503)),
    Scenario("one 429 retry_after=60 (lease 30 s)", plan=long_retry_after(60), probe=True),
    Scenario("2 workers on PostgreSQL, one 429 retry_after=60", plan=long_retry_after(60),
             workers=2, postgres=True),
    Scenario("2 workers on PostgreSQL, kill -9 the leader at 50%", kill_at=(0.5,), workers=2,
             postgres=True),
]


class Rig:
    """The server, the database and the bot processes of one scenario."""

    def __init__(self, scenario: Scenario, tmp: Path, url: str, server: FaultyBotApiServer,
                 users: list[int]) -> None:
        self.scenario = scenario
        self.tmp = tmp
        self.url = url
        self.server = server
        self.users = users
        self.engine: Engine = create_engine(normalize_url(url))
        self.procs: dict[int, asyncio.subprocess.Process] = {}
        self.logs: list[Path] = []

    def env(self, worker: int) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DELIVERY_",
                                                                         "WEBHOOK_"))}
        env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=self.server.base_url,
                   DATA_DIR=str(self.tmp / f"data{worker}"), DATABASE_URL=self.url,
                   DIGEST_STORIES="9", DELIVERY_RETRY_SECONDS="5", LOG_LEVEL="INFO",
                   DELIVERY_WORKER_ID=f"worker-{worker}")
        if self.scenario.workers > 1:
            port = 18600 + worker + 10 * (os.getpid() % 50)
            env.update(WEBHOOK_URL=f"http://127.0.0.1:{port}", WEBHOOK_PORT=str(port),
                       WEBHOOK_SECRET_TOKEN="bench-secret", WEBHOOK_LISTEN="127.0.0.1")
        env.update(self.scenario.env)
        return env

    async def start(self, worker: int) -> None:
        log = self.tmp / f"worker{worker}-{len(self.logs)}.log"
        self.logs.append(log)
        args = ["run", "--webhook"] if self.scenario.workers > 1 else ["run"]
        self.procs[worker] = await asyncio.create_subprocess_exec(
            sys.executable, "-c", "from cli.main import main; main()", *args, cwd=self.tmp,
            env=self.env(worker), stdout=log.open("wb"), stderr=asyncio.subprocess.STDOUT)

    async def kill(self, worker: int) -> None:
        proc = self.procs.pop(worker)
        proc.send_signal(signal.SIGKILL)
        await proc.wait()

    async def stop_all(self) -> None:
        for worker in list(self.procs):
            proc = self.procs.pop(worker)
            proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(proc.wait(), 15)
            except TimeoutError:
                proc.kill()
                await proc.wait()

    def messages(self) -> list[tuple[int, str]]:
        """(chat, the HTML the bot sent) of every message to a subscribed chat."""
        wanted = set(self.users)
        return [(m.chat_id, m.source or "") for m in self.server.sent_messages()
                if m.chat_id in wanted]

    def ledger(self) -> list[Any]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(deliveries, subscriptions.c.chat_id).join(
                subscriptions, subscriptions.c.id == deliveries.c.subscription_id)).mappings())

    def finished(self) -> bool:
        rows = self.ledger()
        return len(rows) == len(self.users) and all(r["status"] in FINAL for r in rows)

    def leader(self) -> int:
        """The worker holding most claims (the fan-out leader)."""
        names = Counter(r["claimed_by"] for r in self.ledger() if r["claimed_by"])
        top = names.most_common(1)[0][0] if names else "worker-1"
        return int(str(top).rsplit("-", 1)[1])


def seed_template(tmp: Path) -> Path:
    """Ingest the bundled seeds once into a SQLite file copied by every SQLite scenario."""
    path = tmp / "template.sqlite3"
    seed_database(f"sqlite:///{path}")
    return path


def seed_database(url: str) -> None:
    settings = Settings(_env_file=None, data_dir=Path(tempfile.gettempdir()), database_url=url)  # type: ignore[call-arg]
    news = NewsService(open_store(url), settings, load_topics(None))
    news.ingest([ROOT / "seeds"])
    ingest_fresh(news, 4)
    news.store.close()


def ingest_fresh(news: NewsService, count: int) -> None:
    day = datetime.now(UTC).strftime("%A %H:%M:%S.%f")
    for n in range(count):
        news.ingest_text(FRESH.format(day=day, n=n), source="bench", title=f"Summit {day} {n}")


def subscribe(engine: Engine, users: list[int]) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    with engine.begin() as conn:
        conn.execute(insert(chats), [
            {"chat_id": u, "type": "private", "created_at": now, "updated_at": now,
             "settings": {}} for u in users])
        conn.execute(insert(subscriptions), [
            {"chat_id": u, "query": QUERY, "topic": QUERY, "time_of_day": now.strftime("%H:%M"),
             "next_run_at": now - timedelta(seconds=1), "created_at": now,
             "last_window_end": SINCE, "empty_policy": "skip"} for u in users])


def postgres_schema(base: str) -> tuple[str, Callable[[], None]] | None:
    """A fresh schema on the server (dropped afterwards), or None when unreachable."""
    try:
        admin = create_engine(normalize_url(base))
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as error:  # any failure means: no PostgreSQL here
        print(f"  (PostgreSQL unavailable: {type(error).__name__}; skipped)", file=sys.stderr)
        return None
    url = normalize_url(base).update_query_dict({"options": f"-csearch_path={schema}"})

    def drop() -> None:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    return url.render_as_string(hide_password=False), drop


async def drive(rig: Rig, result: Result, expected_guess: int, limit: float) -> None:
    """Start the workers, apply the kills, wait until every period is final."""
    scenario = rig.scenario
    for worker in range(1, scenario.workers + 1):
        await rig.start(worker)
    kills = [max(1, int(f * expected_guess)) for f in scenario.kill_at]
    in_flight = {"armed": scenario.kill_in_flight, "hit": False}
    if scenario.kill_in_flight:
        inner = rig.server.plan
        target = max(1, expected_guess // 2)

        def holding(params: dict[str, Any]) -> Fault | None:
            if in_flight["armed"] and len(rig.messages()) >= target:
                in_flight.update(armed=False, hit=True)
                return Fault("slow", 30)  # processed now, answered never (we kill first)
            return inner(params) if inner else None
        rig.server.plan = holding
    started = time.monotonic()
    killed_at: float | None = None
    kill_count = 0
    probe_user = rig.server.add_user("Probe")
    probed = False
    while time.monotonic() - started < limit:
        await asyncio.sleep(0.05)
        count = len(rig.messages())
        if killed_at is not None and (count > kill_count or rig.finished()):
            result.recovery.append(time.monotonic() - killed_at)  # sending again, or done
            killed_at = None
        hit = in_flight["hit"] and count > 0
        if (kills and count >= kills[0]) or hit:
            if hit:
                in_flight["hit"] = False
                await asyncio.sleep(0.2)  # the held send has been processed and stored
            else:
                kills.pop(0)
            worker = rig.leader()
            await rig.kill(worker)
            killed_at, kill_count = time.monotonic(), len(rig.messages())
            await asyncio.sleep(0)
            if scenario.ingest_before_restart:
                settings = Settings(_env_file=None, data_dir=rig.tmp, database_url=rig.url)  # type: ignore[call-arg]
                news = NewsService(open_store(rig.url), settings, load_topics(None))
                ingest_fresh(news, scenario.ingest_before_restart)
                news.store.close()
            await rig.start(worker)
        if scenario.probe and not probed and rig.server.faults["retry_after"]:
            probed = True
            asked = time.monotonic()
            rig.server.send_text(probe_user, probe_user, "/start")
            await rig.server.wait_for_messages(probe_user.id, 1, timeout=120)
            result.probe = time.monotonic() - asked
        if killed_at is None and not kills and not in_flight["armed"] and rig.finished():
            break
    result.seconds = time.monotonic() - started


def score(rig: Rig, result: Result) -> None:
    """Compare what arrived with what the ledger says each chat's digest was."""
    got: dict[int, Counter[str]] = {u: Counter() for u in rig.users}
    for chat, body in rig.messages():
        got[chat][body] += 1
    rendered = {r["chat_id"]: r for r in rig.ledger()}
    for user in rig.users:
        row = rendered.get(user)
        if row is None or row["status"] not in FINAL:
            result.unfinished += 1
        parts = list((row["rendered"] or {}).get("parts", [])) if row is not None else []
        texts = set(parts)
        result.expected += len(parts)
        arrived = got[user]
        result.duplicated += sum(n - 1 for body, n in arrived.items() if n > 1)
        result.mixed += any(body not in texts for body in arrived)
        delivered = sum(1 for p in texts if arrived[p])
        result.delivered += delivered
        unknown = row["parts_unknown"] if row is not None else 0
        result.ambiguous += unknown
        missing = len(texts) - delivered
        result.ambiguous_arrived += max(0, unknown - missing)
        result.lost += max(0, missing - unknown)


async def run_scenario(scenario: Scenario, chats_n: int, template: Path, postgres: str,
                       seed: int, limit: float) -> Result | None:
    """Run one scenario end to end."""
    result = Result(scenario.name)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        cleanup: Callable[[], None] | None = None
        if scenario.postgres:
            made = postgres_schema(postgres)
            if made is None:
                return None
            url, cleanup = made
            seed_database(url)
        else:
            shutil.copy(template, tmp / "newsdigest.sqlite3")
            url = f"sqlite:///{tmp / 'newsdigest.sqlite3'}"
        try:
            async with FaultyBotApiServer(token=TOKEN, flood_limits=True,
                                          log_requests=False) as server:
                acquire = server.limiter.acquire

                def counting(chat_id: int, private: bool) -> int:
                    wait = acquire(chat_id, private)
                    result.rejected += bool(wait)
                    return wait

                server.limiter.acquire = counting  # type: ignore[method-assign]
                users = [server.add_user(f"U{i}").id for i in range(chats_n)]
                rng = random.Random(seed)
                server.plan = scenario.plan(rng, users) if scenario.plan else None
                rig = Rig(scenario, tmp, url, server, users)
                subscribe(rig.engine, users)
                try:
                    await drive(rig, result, expected_guess=3 * chats_n, limit=limit)
                finally:
                    await rig.stop_all()
                score(rig, result)
                if "--keep-logs" in sys.argv:
                    for log in rig.logs:
                        shutil.copy(log, Path.cwd() / f"bench-faults-{log.name}")
                rig.engine.dispose()
        finally:
            if cleanup is not None:
                cleanup()
    return result


def print_table(results: list[Result]) -> None:
    head = ("scenario", "expected", "delivered", "duplicated", "lost", "mixed",
            "ambiguous (arrived/missing)", "recovery s", "429s", "unfinished", "s")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in results:
        recovery = ", ".join(f"{s:.1f}" for s in r.recovery) or "-"
        ambiguous = f"{r.ambiguous} ({r.ambiguous_arrived}/{r.ambiguous - r.ambiguous_arrived})"
        name = r.name + (f"; /start answered in {r.probe:.2f} s" if r.probe is not None else "")
        print(f"| {name} | {r.expected} | {r.delivered} | {r.duplicated} | {r.lost} | "
              f"{r.mixed} | {ambiguous} | {recovery} | {r.rejected} | {r.unfinished} | "
              f"{r.seconds:.0f} |")


async def main_async(args: argparse.Namespace) -> None:
    scenarios = [s for s in SCENARIOS if not args.only or args.only in s.name]
    results = []
    with tempfile.TemporaryDirectory() as name:
        template = seed_template(Path(name))
        for scenario in scenarios:
            print(f"running: {scenario.name}", file=sys.stderr, flush=True)
            result = await run_scenario(scenario, args.chats, template, args.postgres,
                                        args.seed, args.timeout)
            if result is not None:
                results.append(result)
    print_table(results)


def main() -> None:
    """Parse options, run the scenarios, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=60)
    parser.add_argument("--only", default="", help="run scenarios whose name contains this")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--timeout", type=float, default=240.0, help="seconds per scenario")
    parser.add_argument("--keep-logs", action="store_true", help="copy the bots' logs here")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
