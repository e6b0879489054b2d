"""Telegram channels as news sources: register, unregister, list, and their posts ingested.

Every rule about channel sources lives here, so the bot only parses commands and updates
and renders what comes back: one spelling per channel (`normalize_username`: `@NewsChan`,
`newschan` and `https://t.me/newschan` are one source), who may remove a channel the bot
can no longer see (whoever added it, and the bot's administrators), which posts become
articles (only a registered channel's, and only with text), and how a post is stored: its
public link `https://t.me/<channel>/<id>` is its URL, `<chat id>/<message id>` its
external id (so an edited post updates the stored article instead of adding a second
one), the channel's title (else `@channel`) its source, the post's date its publication.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from digests.models import AddResult
from digests.settings import Settings
from digests.store.channel_sources import ChannelSource, ChannelSources, normalize_username

if TYPE_CHECKING:
    from digests.store.base import Store

__all__ = ["ChannelPost", "ChannelSource", "ChannelSourceService", "normalize_username",
           "post_link"]


def post_link(username: str, message_id: int) -> str:
    """The public link of a channel post."""
    return f"https://t.me/{username}/{message_id}"


@dataclass(frozen=True, slots=True)
class ChannelPost:
    """A channel post as the interface received it (new or edited), before any rule.

    `username` is the channel's public username as Telegram spells it, `title` the
    channel's title if it has one, `text` the post's text or caption.
    """

    chat_id: int
    message_id: int
    username: str
    title: str | None
    text: str
    date: datetime


class ChannelSourceService:
    """The channel sources of one store, and the ingestion of their posts."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings

    @property
    def _repo(self) -> ChannelSources:
        from digests.store import SqlStore

        store = self.store
        if not isinstance(store, SqlStore):
            raise TypeError("channel sources need the SQL store")
        return ChannelSources(store.engine, clock=store.clock)

    # Reading ------------------------------------------------------------------------
    def get(self, username: str) -> ChannelSource | None:
        """The registered channel with this username (any spelling), or None."""
        return self._repo.get(username)

    def registered(self) -> list[ChannelSource]:
        """Every registered channel, oldest first."""
        return self._repo.registered()

    def may_remove(self, username: str, user_id: int) -> bool:
        """Whether `user_id` may remove the channel without the bot checking it.

        Who added a channel, and the bot's own admins, may remove it even after the bot
        left it; everyone else must be shown to administer the channel, which needs the
        bot still in it (the interface checks that). False for a channel not registered.
        """
        existing = self.get(username)
        return existing is not None and (user_id == existing.added_by
                                         or user_id in self.settings.admin_user_ids)

    # Changing -----------------------------------------------------------------------
    def add(self, username: str, *, title: str | None,
            added_by: int | None) -> tuple[ChannelSource, bool]:
        """Register a channel; returns the source and whether it is new (adding twice is fine)."""
        return self._repo.add(username, title=title, added_by=added_by)

    def remove(self, username: str) -> bool:
        """Unregister a channel; False when it was not registered."""
        return self._repo.remove(username)

    # Posts --------------------------------------------------------------------------
    def ingest_post(self, post: ChannelPost) -> AddResult | None:
        """Store a registered channel's post as an article (blocking); edits update it.

        Returns:
            What ingest did, or None when the post is no article: its channel is not
            registered, or it has no text.
        """
        if not post.text.strip() or self.get(post.username) is None:
            return None
        from digests.ingest import ingest_draft
        from digests.ingest.parse_text import parse_text

        metadata = {
            "source": post.title or f"@{post.username}",
            "url": post_link(post.username, post.message_id),
            "id": f"{post.chat_id}/{post.message_id}",
            "published": post.date.isoformat(),
        }
        draft = parse_text(post.text, origin="telegram", metadata=metadata)
        return ingest_draft(self.store, draft, self.settings, label=metadata["url"])
