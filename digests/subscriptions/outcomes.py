"""The seam between the scheduler core and whatever sends messages (Telegram, a fake)."""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from typing import Protocol

from digests.models import Digest
from digests.subscriptions.models import Subscription


class Outcome(enum.StrEnum):
    """How sending a digest to one chat ended."""

    SENT = "sent"
    BLOCKED = "blocked"  # 403: the user blocked the bot, or it was removed from the chat
    NOT_FOUND = "not_found"  # 400 chat not found
    MIGRATED = "migrated"  # 400 with migrate_to_chat_id: the group became a supergroup
    FAILED = "failed"  # transient errors that outlasted the retries


@dataclass(frozen=True, slots=True)
class SendResult:
    """The sender's report: outcome, parts out so far, and the detail behind a failure."""

    outcome: Outcome
    parts_sent: int
    detail: str = ""
    new_chat_id: int | None = None


@dataclass(frozen=True, slots=True)
class Target:
    """Where a subscription's messages go: a chat and, in forums, a topic thread."""

    chat_id: int
    thread_id: int | None = None


Progress = Callable[[int], Awaitable[None]]


class Sender(Protocol):
    """Sends rendered messages, reporting progress after each part."""

    async def send(self, target: Target, pieces: Sequence[str], *, start: int,
                   progress: Progress) -> SendResult:
        """Send ``pieces[start:]`` in order; call ``progress(n)`` once ``n`` parts are out."""


class Renderer(Protocol):
    """Turns a digest into messages for a subscriber (the bot's HTML renderer)."""

    def __call__(self, digest: Digest, subscription: Subscription, zone: tzinfo) -> list[str]:
        """Messages for the subscription; an empty digest renders as a short notice."""
