"""Per-chat outcomes of sending, through the local Bot API server's scripted failures."""

from __future__ import annotations

from datetime import timedelta

from telegram import Bot
from telegram.request import HTTPXRequest

from bot.botapi import BotApiServer, FloodPolicy
from bot.botapi.faults import Fault, FaultyBotApiServer
from bot.delivery import TelegramSender
from digests.subscriptions.outcomes import Outcome, Target
from tests.bot.conftest import BotWorld
from tests.bot.test_subscriptions import delivery_service, next_run, run_job


class FakeTime:
    """Monotonic time that only moves when the sender sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


async def nothing() -> None:
    return None


def sender(bot: Bot, clock: FakeTime, **options: float) -> TelegramSender:
    return TelegramSender(bot, sleep=clock.sleep, monotonic=clock, overall_rate=None,
                          **options)  # type: ignore[arg-type]


async def send_all(sender: TelegramSender, chat_id: int, texts: list[str],
                   clock: FakeTime) -> list[Outcome]:
    outcomes = []
    for text in texts:
        result = await sender.send_part(Target(chat_id), text, markup=None, wait=clock.sleep,
                                           begin=nothing)
        outcomes.append(result.outcome)
    return outcomes


async def test_pace_retry_after_and_backoff_without_waiting() -> None:
    policy = FloodPolicy(private_rate=1.0, private_burst=1.0)
    clock = FakeTime()
    async with BotApiServer(flood_limits=True, flood_policy=policy, monotonic=clock) as server:
        alice = server.add_user("Alice")
        async with Bot(server.token, base_url=server.base_url) as bot:
            fast = sender(bot, clock, pace=0.0)
            assert await send_all(fast, alice.id, ["one", "two"], clock) == [Outcome.SENT] * 2
            assert [r.status for r in server.errors()] == [429]  # honoured, then retried
            assert clock.sleeps == [1]
            paced = sender(bot, clock, pace=1.0)
            clock.now += 10  # the bucket refills
            clock.sleeps.clear()
            await send_all(paced, alice.id, ["a", "b", "c"], clock)
            assert clock.sleeps == [1.0, 1.0]
            assert len(server.errors()) == 1  # the pace kept the flood limit
            server.fail_next(502, times=2)
            clock.sleeps.clear()
            assert await send_all(paced, alice.id, ["x"], clock) == [Outcome.SENT]
            assert clock.sleeps[-2:] == [2.0, 4.0]  # exponential backoff
            server.fail_next(500, times=10)
            assert await send_all(paced, alice.id, ["y"], clock) == [Outcome.FAILED]
    assert [m.text for m in server.sent_messages(alice.id)] == ["one", "two", "a", "b", "c", "x"]


async def test_a_send_whose_answer_is_lost_is_ambiguous_never_retried() -> None:
    clock = FakeTime()
    faults = iter([Fault("lost"), Fault("reset"), Fault("slow", 0.5), None])
    async with FaultyBotApiServer(plan=lambda params: next(faults)) as server:
        alice = server.add_user("Alice")
        request = HTTPXRequest(read_timeout=0.2)
        async with Bot(server.token, base_url=server.base_url, request=request) as bot:
            plain = sender(bot, clock, pace=0.0)
            outcomes = await send_all(plain, alice.id, ["lost", "reset", "slow", "fine"], clock)
    assert outcomes == [Outcome.AMBIGUOUS, Outcome.AMBIGUOUS, Outcome.AMBIGUOUS, Outcome.SENT]
    assert clock.sleeps == []  # nothing resent
    assert [m.text for m in server.sent_messages(alice.id)] == ["lost", "slow", "fine"]


async def test_a_refused_connection_is_retried_it_never_went_out() -> None:
    clock = FakeTime()
    server = BotApiServer()
    await server.start()
    async with Bot(server.token, base_url=server.base_url) as bot:
        await server.stop()  # nobody listens there now
        result = await sender(bot, clock, pace=0.0).send_part(Target(1), "x", markup=None,
                                                               wait=clock.sleep, begin=nothing)
    assert result.outcome == Outcome.FAILED
    assert clock.sleeps == [2.0, 4.0, 8.0]


async def test_forbidden_pauses_with_the_reason(world: BotWorld) -> None:
    await world.say(world.bob, "/subscribe russia-china 08:00", user=world.bob)
    world.server.deactivate(world.bob)  # 403 on send, and no my_chat_member warning first
    when = next_run(world.services, world.bob.id)
    delivery_service(world.app, lambda: when)
    await run_job(world.app)
    [sub] = world.services.subscriptions.for_chat(world.bob.id)
    assert sub.paused
    assert "deactivated" in (sub.pause_reason or "")


async def test_blocked_user_is_paused_and_resumed_by_start(world: BotWorld) -> None:
    await world.say(world.alice, "/subscribe russia-china 08:00")
    world.server.block(world.alice)  # my_chat_member "kicked" arrives; sends answer 403
    when = next_run(world.services, world.alice.id)
    delivery_service(world.app, lambda: when)
    await run_job(world.app)
    [sub] = world.services.subscriptions.for_chat(world.alice.id)
    assert sub.paused
    assert sub.pause_reason in ("membership: kicked",  # whichever noticed first
                                "delivery: Forbidden: bot was blocked by the user")
    world.server.unblock(world.alice)
    await world.say(world.alice, "/start")
    [sub] = world.services.subscriptions.for_chat(world.alice.id)
    assert not sub.paused
    assert sub.next_run_at == when  # the next firing from now, not a stale catch-up


async def test_migrated_group_moves_and_resends(world: BotWorld) -> None:
    small = world.server.add_chat("group", "Small", owner=world.alice)
    await world.say(small, "/subscribe russia-china 08:00")
    when = next_run(world.services, small.id)
    new = world.server.migrate(small)
    delivery_service(world.app, lambda: when)
    await run_job(world.app)
    [sub] = world.services.subscriptions.for_chat(new.id)
    assert not sub.paused
    assert world.server.sent_messages(new.id)
    assert sub.next_run_at == when + timedelta(days=1)


async def test_vanished_chat_is_paused_and_others_still_get_theirs(world: BotWorld) -> None:
    await world.say(world.group, "/subscribe russia-china 08:00")
    await world.say(world.alice, "/subscribe russia-china 08:00")
    when = next_run(world.services, world.alice.id)
    world.server.remove_chat(world.group)
    delivery_service(world.app, lambda: when)
    mark = len(world.server.sent_messages(world.alice.id))
    await run_job(world.app)
    [sub] = world.services.subscriptions.for_chat(world.group.id)
    assert sub.paused
    assert "chat not found" in (sub.pause_reason or "").lower()
    assert len(world.server.sent_messages(world.alice.id)) > mark
