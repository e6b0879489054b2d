"""Flood control like Telegram's: overall, per group or channel, and per private chat.

Each limit is a token bucket (capacity ``burst``, refilled at ``rate`` per second).  A token bucket
rather than a sliding window because python-telegram-bot's ``AIORateLimiter`` is a leaky bucket
with the same parameters: a client that honours 30/s and 20/min never trips this limiter, and a
client that does not gets a 429 with the ``retry_after`` it should wait.  The clock is injected so
tests can move time without sleeping.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

Clock = Callable[[], float]


@dataclass(frozen=True)
class FloodPolicy:
    """The limits; the defaults are Telegram's documented ones.

    Attributes:
        overall_rate: Messages per second across all chats (Telegram: about 30).
        overall_burst: How many may go out at once before the rate applies.
        group_per_minute: Messages per minute to one group, supergroup or channel (Telegram: 20).
        group_burst: Burst for one group or channel.
        private_rate: Messages per second to one private chat (Telegram: about 1).
        private_burst: Burst for one private chat.
    """

    overall_rate: float = 30.0
    overall_burst: float = 30.0
    group_per_minute: float = 20.0
    group_burst: float = 20.0
    private_rate: float = 1.0
    private_burst: float = 3.0


@dataclass
class _Bucket:
    rate: float
    capacity: float
    tokens: float
    stamp: float

    def refill(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now

    def wait(self) -> float:
        """Seconds until one token is available (0 when one is)."""
        return 0.0 if self.tokens >= 1.0 - 1e-9 else (1.0 - self.tokens) / self.rate


@dataclass
class FloodLimiter:
    """Decides whether one more message to a chat may go out now.

    Args:
        policy: The limits.
        clock: Monotonic seconds; injected so tests control time.
        enabled: Off by default in tests, on in the benchmark and sandbox.
    """

    policy: FloodPolicy = field(default_factory=FloodPolicy)
    clock: Clock = time.monotonic
    enabled: bool = False
    _buckets: dict[object, _Bucket] = field(default_factory=dict)

    def _bucket(self, key: object, rate: float, capacity: float, now: float) -> _Bucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(rate, capacity, capacity, now)
        bucket.refill(now)
        return bucket

    def acquire(self, chat_id: int, private: bool) -> int:
        """Take one message slot for ``chat_id``, or say how long to wait.

        Args:
            chat_id: Target chat.
            private: Whether it is a private chat (1/s) rather than a group or channel (20/min).

        Returns:
            0 when the message may be sent (the slot is taken); otherwise Telegram's
            ``retry_after``: whole seconds, at least 1, and nothing is taken.
        """
        if not self.enabled:
            return 0
        now, policy = self.clock(), self.policy
        buckets = [self._bucket("overall", policy.overall_rate, policy.overall_burst, now)]
        if private:
            buckets.append(self._bucket(chat_id, policy.private_rate, policy.private_burst, now))
        else:
            rate = policy.group_per_minute / 60.0
            buckets.append(self._bucket(chat_id, rate, policy.group_burst, now))
        wait = max(bucket.wait() for bucket in buckets)
        if wait > 0:
            return max(1, math.ceil(wait))
        for bucket in buckets:
            bucket.tokens -= 1.0
        return 0
