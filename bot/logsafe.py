"""Logging that never shows the bot token.

httpx logs every request URL at INFO, and Telegram URLs contain the token
(`/bot<token>/sendMessage`); exceptions can carry the URL too. The filter here rewrites
any record that contains the token, whatever logger or exception produced it.
"""

from __future__ import annotations

import logging
import re
import sys
from typing import TextIO

from digests.ops.logformat import EVENT_FIELDS, JsonFormatter, TextFormatter

_TOKEN_SHAPE = re.compile(r"\d{5,}:[A-Za-z0-9_-]{20,}")


class RedactTokenFilter(logging.Filter):
    """Replace the configured token (and anything shaped like a token) with a mark."""

    def __init__(self, token: str | None) -> None:
        super().__init__()
        self.token = token or None

    def redact(self, text: str) -> str:
        """The text with the token removed."""
        if self.token:
            text = text.replace(self.token, "<token>")
        return _TOKEN_SHAPE.sub("<token>", text)

    def filter(self, record: logging.LogRecord) -> bool:
        """Render the message once, redact it, and drop the args (already applied).

        The event's fields (`extra=`) are redacted too: an `error` field can quote a
        request URL, token included, and the JSON format writes it as it is.
        """
        for name in EVENT_FIELDS:
            value = getattr(record, name, None)
            if isinstance(value, str):
                setattr(record, name, self.redact(value))
        message = record.getMessage()
        redacted = self.redact(message)
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        if redacted != message or record.args:
            record.msg, record.args = redacted, None
        return True


def configure_logging(level: str, token: str | None, stream: TextIO | None = None, *,
                      json_format: bool = False) -> logging.Handler:
    """Log to `stream` (stderr) through the token filter; quiet httpx's per-request lines.

    With `json_format`, one JSON object per line (`digests.ops.logformat`), for log shippers.

    Returns:
        The installed handler, so tests (and a second call) can remove it.
    """
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if json_format else TextFormatter())
    handler.addFilter(RedactTokenFilter(token))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return handler
