"""The world's nouns: users, chats, memberships and stored messages.

Each renders itself as the Bot API JSON object python-telegram-bot expects, with every field PTB
requires present.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JsonDict = dict[str, Any]
GROUP_ANONYMOUS_BOT_ID = 1087968824
ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
)
CHANNEL_RIGHTS = ("can_post_messages", "can_edit_messages")
GROUP_RIGHTS = ("can_pin_messages", "can_manage_topics")


@dataclass
class User:
    """A Telegram user or bot."""

    id: int
    first_name: str
    username: str | None = None
    is_bot: bool = False
    language_code: str | None = "en"
    last_name: str | None = None

    def to_dict(self) -> JsonDict:
        """Render as a Bot API ``User``."""
        data: JsonDict = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if (value := getattr(self, key)) is not None:
                data[key] = value
        return data


@dataclass
class Chat:
    """A chat and what a test scripted for it.

    Attributes:
        failure: ``None``, ``"blocked"`` (the user blocked the bot), ``"deactivated"`` or
            ``"not_found"``; membership failures (kicked, left) live in the bot's membership.
        migrated_to: Supergroup id when this group was upgraded.
        topics: Forum topic threads by id (``is_forum`` supergroups only).
    """

    id: int
    type: str
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    is_forum: bool = False
    failure: str | None = None
    migrated_to: int | None = None
    topics: dict[int, str] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """The word Telegram uses in errors: "group", "supergroup" or "channel"."""
        return self.type

    def to_dict(self) -> JsonDict:
        """Render as a Bot API ``Chat``."""
        data: JsonDict = {"id": self.id, "type": self.type}
        for key in ("title", "username", "first_name"):
            if (value := getattr(self, key)) is not None:
                data[key] = value
        if self.is_forum:
            data["is_forum"] = True
        return data

    def full_info(self) -> JsonDict:
        """Render as a Bot API ``ChatFullInfo`` (what getChat returns)."""
        gifts = dict.fromkeys(
            ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription"), False
        )
        gifts["gifts_from_channels"] = False
        return {
            **self.to_dict(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": gifts,
        }


@dataclass
class Member:
    """A user's membership of a chat.

    Attributes:
        status: ``creator``, ``administrator``, ``member``, ``restricted``, ``left`` or ``kicked``.
        is_anonymous: Owner or administrator posting as the group (from = GroupAnonymousBot).
        rights: Administrator rights that are granted (``can_post_messages``, ...).
    """

    user: User
    status: str = "member"
    is_anonymous: bool = False
    rights: frozenset[str] = frozenset()

    @property
    def is_admin(self) -> bool:
        """Whether the member is the owner or an administrator."""
        return self.status in ("creator", "administrator")

    @property
    def is_present(self) -> bool:
        """Whether the member can currently see the chat."""
        return self.status in ("creator", "administrator", "member", "restricted")

    def to_dict(self, chat: Chat) -> JsonDict:
        """Render as the ``ChatMember`` subtype matching the status."""
        data: JsonDict = {"status": self.status, "user": self.user.to_dict()}
        if self.status == "creator":
            data["is_anonymous"] = self.is_anonymous
        elif self.status == "administrator":
            data.update(can_be_edited=False, is_anonymous=self.is_anonymous)
            names = ADMIN_RIGHTS + (CHANNEL_RIGHTS if chat.type == "channel" else GROUP_RIGHTS)
            data.update({name: name in self.rights for name in names})
        elif self.status == "kicked":
            data["until_date"] = 0
        elif self.status == "restricted":
            data.update(is_member=True, until_date=0, can_send_messages=False)
        return data


@dataclass
class StoredMessage:
    """A message in the world, as Telegram would return it, plus how the bot wrote it.

    Attributes:
        data: The Bot API ``Message`` dict; edits update it in place.
        from_bot: Whether the bot sent it (only those count as ``sent_messages``).
        method: The API method that produced it (``sendMessage``, ``copyMessage``, ...).
        source: The raw text the bot sent, before HTML parsing.
        parse_mode: The parse mode the bot used, if any.
        params: The request parameters (e.g. ``link_preview_options``) for assertions.
        edits: How many times it was edited.
        deleted: Whether it was deleted (kept for assertions, gone for the bot).
        via_bot: Whether a user posted it through the bot's inline mode (the bot may edit it).
    """

    data: JsonDict
    from_bot: bool = False
    method: str = ""
    source: str | None = None
    parse_mode: str | None = None
    params: JsonDict = field(default_factory=dict)
    edits: int = 0
    deleted: bool = False
    via_bot: bool = False

    @property
    def chat_id(self) -> int:
        """Chat the message is in."""
        return int(self.data["chat"]["id"])

    @property
    def message_id(self) -> int:
        """Id within the chat."""
        return int(self.data["message_id"])

    @property
    def text(self) -> str:
        """Visible text (after HTML parsing), or the caption."""
        return str(self.data.get("text", self.data.get("caption", "")))

    @property
    def entities(self) -> list[JsonDict]:
        """Entities of the visible text."""
        return list(self.data.get("entities", []))

    @property
    def reply_markup(self) -> JsonDict | None:
        """The inline keyboard, if any."""
        markup = self.data.get("reply_markup")
        return dict(markup) if markup else None

    @property
    def thread_id(self) -> int | None:
        """Forum topic thread, if any."""
        value = self.data.get("message_thread_id")
        return int(value) if value is not None else None

    @property
    def buttons(self) -> list[JsonDict]:
        """All inline buttons, row by row, for convenient assertions."""
        markup = self.reply_markup or {}
        return [button for row in markup.get("inline_keyboard", []) for button in row]
