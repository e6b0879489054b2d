"""Bot API requests measured at the HTTP seam, against the local (faulty) Bot API server."""

from __future__ import annotations

import pytest
from prometheus_client import CollectorRegistry
from telegram import Bot
from telegram.error import RetryAfter

from bot.botapi.faults import Fault, FaultyBotApiServer
from bot.metrics import MeteredRequest, retry_after_of
from digests.ops.prometheus import PrometheusMetrics


def sample(metrics: PrometheusMetrics, name: str, **labels: str) -> float:
    return metrics.registry.get_sample_value(name, labels) or 0.0


async def test_sends_failures_and_429s_are_counted_with_retry_after() -> None:
    metrics = PrometheusMetrics(CollectorRegistry())
    faults = iter([Fault("retry_after", 7), Fault("error", 500), None])
    async with FaultyBotApiServer(plan=lambda params: next(faults)) as server:
        alice = server.add_user("Alice")
        async with Bot(server.token, base_url=server.base_url,
                       request=MeteredRequest(metrics)) as bot:
            with pytest.raises(RetryAfter):
                await bot.send_message(alice.id, "one")
            with pytest.raises(Exception, match="Internal"):
                await bot.send_message(alice.id, "two")
            await bot.send_message(alice.id, "three")
    assert sample(metrics, "newsdigest_telegram_429_total", method="sendMessage") == 1
    assert sample(metrics, "newsdigest_telegram_retry_after_seconds_total") == 7
    assert sample(metrics, "newsdigest_messages_sent_total", method="sendMessage") == 1
    assert sample(metrics, "newsdigest_messages_failed_total", method="sendMessage") == 2
    assert sample(metrics, "newsdigest_messages_sent_total", method="getMe") == 0  # not a message


def test_retry_after_is_read_from_the_error_answer_only() -> None:
    assert retry_after_of(b'{"ok":false,"parameters":{"retry_after":12}}') == 12
    assert retry_after_of(b'{"ok":false}') is None
    assert retry_after_of(b"<html>") is None
    assert retry_after_of(b"[]") is None
