"""The values of the subscription feature: chats, subscriptions, ledger rows, outcomes.

They sit with the other models at the bottom because the store returns them too.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from digests.i18n import N_
from digests.subscriptions.schedule import Schedule, parse_time_of_day
from digests.subscriptions.zones import zone_of

USER_PAUSE = N_("paused by you")


class EmptyPolicy(enum.StrEnum):
    """What a subscription does when its period has no new articles."""

    SKIP = "skip"
    NOTIFY = "notify"


class Status(enum.StrEnum):
    """States of a ledger row; all but SENDING and RETRY are final for their period."""

    SENDING = "sending"
    RETRY = "retry"  # a transient failure: the rest is sent on a later tick, within the grace
    SENT = "sent"
    EMPTY = "empty"
    SKIPPED = "skipped"
    FAILED = "failed"
    UNDELIVERABLE = "undeliverable"
    # Alerts only (one row per alert subscription and story):
    HELD = "held"  # quiet hours: sent in the round-up at ``retry_at``
    ROUNDED = "rounded"  # held, then listed in a round-up (that row is the message)
    SPILLED = "spilled"  # over the daily cap: goes into the next digest instead
    DIGESTED = "digested"  # spilled, then listed in that digest


class Kind(enum.StrEnum):
    """What a subscription sends: a daily digest, or an alert per new story."""

    DIGEST = "digest"
    ALERT = "alert"


@dataclass(frozen=True, slots=True)
class ChatInfo:
    """A chat the bot knows: where it is a member and the chat's own settings."""

    chat_id: int
    type: str
    title: str | None = None
    username: str | None = None
    member_status: str = "member"
    timezone: str | None = None
    settings: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Subscription:
    """A chat's standing order for a topic's digest; ``zone`` is its own or its chat's."""

    id: int
    chat_id: int
    query: str
    topic: str | None = None
    thread_id: int | None = None
    time_of_day: str = "08:00"
    weekdays: int = 0b1111111
    timezone: str | None = None
    chat_timezone: str | None = None
    next_run_at: datetime | None = None
    last_window_end: datetime | None = None
    paused: bool = False
    pause_reason: str | None = None
    empty_policy: EmptyPolicy = EmptyPolicy.SKIP
    created_by: int | None = None
    kind: Kind = Kind.DIGEST
    quiet_hours: str | None = None  # alerts: "HH:MM-HH:MM" in the zone
    max_per_day: int | None = None  # alerts: the daily cap
    created_at: datetime | None = None

    @property
    def label(self) -> str:
        """The name people recognise: the topic's, or the query."""
        return self.topic or self.query

    def zone(self, default: str) -> tzinfo:
        """The zone the schedule runs in: its own, else the chat's, else ``default``."""
        return zone_of(self.timezone or self.chat_timezone, default)

    def zone_name(self, default: str) -> str:
        """The name of that zone, for display."""
        return self.timezone or self.chat_timezone or default

    def schedule(self, default_zone: str) -> Schedule:
        """The recurring local time this subscription fires at."""
        return Schedule(parse_time_of_day(self.time_of_day), self.zone(default_zone),
                        self.weekdays)


@dataclass(frozen=True, slots=True)
class Delivery:
    """One ledger row: a subscription's period, its window and how far sending got."""

    id: int
    subscription_id: int
    period_key: str
    status: Status
    window_start: datetime | None
    window_end: datetime | None
    parts_sent: int = 0
    parts_total: int | None = None
    attempts: int = 0
    last_error: str | None = None
    claimed_by: str | None = None
    claimed_at: datetime | None = None
    sent_at: datetime | None = None
    rendered: Mapping[str, object] | None = None  # the parts as first rendered (JSON)
    part_in_flight: int | None = None  # a part whose send started and was not yet recorded
    parts_unknown: int = 0  # parts whose send was ambiguous and, by policy, not repeated
    retry_at: datetime | None = None
    message_chat_id: int | None = None  # alerts: the message later reports edit
    message_id: int | None = None
    # alerts: the story's reports so far ({"id": article id, "source": name}), in order
    sources: tuple[Mapping[str, object], ...] = ()
    sources_shown: int = 0  # alerts: how many of them the message shows
    edits: int = 0
