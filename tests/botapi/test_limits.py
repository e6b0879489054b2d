"""Flood control with a fake clock: no sleeping."""

from bot.botapi.limits import FloodLimiter, FloodPolicy


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_disabled_limiter_never_refuses() -> None:
    limiter = FloodLimiter()
    assert all(limiter.acquire(-1, private=False) == 0 for _ in range(1000))


def test_group_gets_twenty_per_minute() -> None:
    clock = FakeClock()
    limiter = FloodLimiter(FloodPolicy(), clock, enabled=True)
    assert [limiter.acquire(-5, private=False) for _ in range(20)] == [0] * 20
    assert limiter.acquire(-5, private=False) == 3
    assert limiter.acquire(-6, private=False) == 0
    clock.now = 3.0
    assert limiter.acquire(-5, private=False) == 0


def test_overall_rate_allows_a_steady_thirty_per_second() -> None:
    clock = FakeClock()
    limiter = FloodLimiter(FloodPolicy(), clock, enabled=True)
    for chat in range(30):
        assert limiter.acquire(chat, private=True) == 0
    assert limiter.acquire(1000, private=True) == 1
    refused = 0
    for step in range(1, 301):
        clock.now = step / 30
        refused += limiter.acquire(2000 + step, private=True) != 0
    assert refused == 0


def test_private_chat_is_paced_per_second() -> None:
    clock = FakeClock()
    limiter = FloodLimiter(FloodPolicy(private_burst=1), clock, enabled=True)
    assert limiter.acquire(7, private=True) == 0
    assert limiter.acquire(7, private=True) == 1
    clock.now = 0.5
    assert limiter.acquire(7, private=True) == 1
    clock.now = 1.0
    assert limiter.acquire(7, private=True) == 0
