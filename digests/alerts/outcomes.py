"""The seams alerts add to the subscription ones.

A renderer for alerts and round-ups, an editor for "also reported by" edits,
and the values that travel between them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from digests.models import Article, Summary
from digests.models.subscriptions import Subscription
from digests.subscriptions.outcomes import Begin, Outcome, Rendered, SendResult, Target, Wait


@dataclass(frozen=True, slots=True)
class RoundupItem:
    """One story of a round-up or a spill digest: its lead and the other sources."""

    lead: Article
    also: tuple[str, ...] = ()


class AlertRenderer(Protocol):
    """Turns stories into Telegram messages (HTML, escaped, within limits)."""

    def alert(self, sub: Subscription, lead: Article, summary: Summary,
              also: Sequence[str], delivery_id: int) -> Rendered:
        """One alert: headline, summary, source and link, "also reported by", buttons."""

    def roundup(self, sub: Subscription, items: Sequence[RoundupItem], *,
                spilled: bool) -> Rendered:
        """Held stories after quiet hours, or (``spilled``) those over the daily cap."""


class Editor(Protocol):
    """Edits a message the bot sent (paced like sends)."""

    async def edit_part(self, chat_id: int, message_id: int, text: str, *,
                        markup: Mapping[str, Any] | None) -> Outcome:
        """Replace the message's text; SENT when it now reads ``text``."""


class CapturingSender:
    """Wraps a `Sender` to remember the message id of the last part it sent."""

    def __init__(self, sender: Any) -> None:
        self.sender = sender
        self.message_id: int | None = None

    async def send_part(self, target: Target, text: str, *, markup: Mapping[str, Any] | None,
                        wait: Wait, begin: Begin) -> SendResult:
        """Send through the wrapped sender, keeping the message id it reports."""
        result: SendResult = await self.sender.send_part(target, text, markup=markup,
                                                         wait=wait, begin=begin)
        if result.outcome == Outcome.SENT:
            self.message_id = result.message_id
        return result
