"""Log lines for people and for log shippers: one line per event, with its fields.

Events that concern a chat, a subscription or a feed pass those as `extra` fields
(`log.info("delivered", extra=event_fields(chat=..., subscription=..., outcome=...))`), so
a log shipper can filter on `chat=-100123` without parsing prose. The text format appends
them as `key=value`; the JSON format (`LOG_FORMAT=json`) writes one object per line, the
traceback included as a field, so an exception never spans lines.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from digests.settings import Settings

EVENT_FIELDS = ("chat", "subscription", "period", "story", "outcome", "attempt", "source",
                "url", "entries", "new_entries", "duration", "files", "added", "duplicate",
                "near_duplicate", "updated", "rejected", "command", "status", "worker", "job",
                "error")
"""The fields log lines may carry (`extra=`), in the order the text format prints them.

Events: a delivery (chat, subscription, period, outcome, attempt), a feed poll (source,
url, outcome, entries, new_entries, duration, error), an alert (chat, subscription,
story, outcome: sent or edited), an ingest run (files and a count per outcome).
"""


def event_fields(**values: object) -> dict[str, Any]:
    """The `extra` mapping of a log call: only the known fields that have a value."""
    unknown = set(values) - set(EVENT_FIELDS)
    if unknown:
        raise ValueError(f"unknown log fields: {sorted(unknown)}")
    return {key: value for key, value in values.items() if value is not None}


def safe_url(url: str) -> str:
    """A URL fit for a log line: no userinfo, query or fragment (feed URLs carry secrets there).

    The source's id is logged beside it, so the whole URL stays one query away.
    """
    try:
        parts = urlsplit(url)
        return urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path, "", ""))
    except ValueError:
        return url.split("?", 1)[0].split("#", 1)[0].rpartition("@")[2]


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    return {key: getattr(record, key) for key in EVENT_FIELDS if hasattr(record, key)}


def _text_value(value: object) -> str:
    """`value` as logfmt does: bare when it is one word, else a quoted JSON string."""
    text = str(value)
    if text and not any(c.isspace() or c in '"=' for c in text):
        return text
    return json.dumps(text, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """`time LEVEL logger: message key=value ...`."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        """The classic line with the event's fields appended."""
        line = super().format(record)
        fields = _fields(record)
        if not fields:
            return line
        head, sep, tail = line.partition("\n")  # fields stay on the message's line
        extra = " ".join(f"{key}={_text_value(value)}" for key, value in fields.items())
        return f"{head} {extra}{sep}{tail}"


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time (UTC, ISO 8601), level, logger, message, fields."""

    def format(self, record: logging.LogRecord) -> str:
        """Serialize the record; the traceback, if any, is the `exception` field."""
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **_fields(record),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_process_logging(settings: Settings) -> logging.Handler:
    """Root logging for a long-running core process (`poll --forever`): level and format.

    The bot configures its own (`bot.logsafe`), adding the token filter; this process has
    no token to hide.
    """
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if settings.log_format == "json" else TextFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(settings.log_level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return handler
