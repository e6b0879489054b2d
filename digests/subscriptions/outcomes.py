"""The seam between the scheduler core and whatever sends messages (Telegram, a fake).

The core owns the loop over a digest's parts (it checks and renews its claim before each
one and records each one in the ledger); a `Sender` sends one part and says how it went.
What a sender cannot know is whether a request whose answer never came was delivered:
that is `Outcome.AMBIGUOUS`, and the core's policy (`AmbiguousPolicy`) decides what to do.
"""

from __future__ import annotations

import enum
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any, Protocol

from digests.models import Digest
from digests.models.subscriptions import Subscription


class Outcome(enum.StrEnum):
    """How sending one part (or a whole digest) to one chat ended."""

    SENT = "sent"
    BLOCKED = "blocked"  # 403: the user blocked the bot, or it was removed from the chat
    NOT_FOUND = "not_found"  # 400 chat not found
    MIGRATED = "migrated"  # 400 with migrate_to_chat_id: the group became a supergroup
    REJECTED = "rejected"  # any other 400: sending the same text again cannot succeed
    FAILED = "failed"  # transient errors (5xx, refused connections) that outlasted the retries
    AMBIGUOUS = "ambiguous"  # the request went out and no answer came: delivered or not


class AmbiguousPolicy(enum.StrEnum):
    """What to do with a part whose send may or may not have been delivered.

    Telegram has no idempotency key, so there is no safe choice, only a deliberate one:
    ``skip`` records the part as unknown and goes on (at most once per part: a reader may
    miss a part, never gets one twice); ``resend`` sends it again (at least once: never
    missing, possibly twice).
    """

    SKIP = "skip"
    RESEND = "resend"


@dataclass(frozen=True, slots=True)
class SendResult:
    """The sender's report on one part, or the core's on a whole digest."""

    outcome: Outcome
    parts_sent: int = 0
    detail: str = ""
    new_chat_id: int | None = None
    message_id: int | None = None  # the message a sent part became (alerts edit it later)


@dataclass(frozen=True, slots=True)
class Target:
    """Where a subscription's messages go: a chat and, in forums, a topic thread."""

    chat_id: int
    thread_id: int | None = None


@dataclass(frozen=True, slots=True)
class Rendered:
    """A digest as it is sent: its messages, and a keyboard (JSON) for the last one.

    Stored with the claim, so a resumed delivery resends exactly these messages.
    """

    parts: tuple[str, ...]
    markup: Mapping[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        """The ledger's representation."""
        return {"parts": list(self.parts), "markup": dict(self.markup) if self.markup else None}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Rendered:
        """Read back what `to_json` stored."""
        return cls(tuple(str(p) for p in data["parts"]), data.get("markup"))


Wait = Callable[[float], Awaitable[None]]
"""Sleep for a while without losing the claim (the core renews it, or raises if it is lost)."""
Begin = Callable[[], Awaitable[None]]
"""Called right before each request goes out: checks the claim and marks the part in flight."""


class Sender(Protocol):
    """Sends one message part; retries what is safe to retry, reports the rest."""

    async def send_part(self, target: Target, text: str, *, markup: Mapping[str, Any] | None,
                        wait: Wait, begin: Begin) -> SendResult:
        """Send one part, calling ``begin`` just before every request (after any pacing).

        Every wait (flood control, backoff) goes through ``wait``.
        """


class Renderer(Protocol):
    """Turns a digest into messages for a subscriber (the bot's HTML renderer)."""

    def __call__(self, digest: Digest, subscription: Subscription, zone: tzinfo) -> Rendered:
        """Messages for the subscription; an empty digest renders as a short notice."""


class Addition(Protocol):
    """Something a digest carries besides its stories (e.g. the chat's alert overflow)."""

    def attach(self, rendered: Rendered) -> Rendered:
        """The digest's messages with this addition in them."""

    def record(self) -> dict[str, Any]:
        """What `Additions.settle` needs, stored with the rendered digest."""


class Additions(Protocol):
    """Finds a subscription's additions when its digest is composed, settles them once stored.

    ``settle`` runs after the rendered digest is stored with the claim, and again when a
    resumed delivery sends the stored one: it must be idempotent. Until then what was
    collected stays pending, so a crash before storing loses nothing.
    """

    def collect(self, subscription: Subscription, now: datetime) -> Addition | None:
        """The addition this digest carries now, or None."""

    def settle(self, record: Mapping[str, Any]) -> None:
        """Mark what a stored digest carries as delivered through it."""
