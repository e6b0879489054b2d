"""The /sources listing: each feed with its health lines."""

from __future__ import annotations

from collections.abc import Sequence

from bot.render.html import bold, escape
from bot.render.split import split_html


def render_sources(entries: Sequence[tuple[str, str, Sequence[str]]]) -> list[str]:
    """Messages listing `(title, url, health lines)` per feed, split under Telegram's limit."""
    blocks = [f"{bold(title or url)}\n{escape(url)}\n" + "\n".join(escape(line) for line in lines)
              for title, url, lines in entries]
    return split_html(blocks)
