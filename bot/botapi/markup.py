"""Keyboard validation: the checks Telegram applies to ``reply_markup``.

Inline buttons need a text and exactly one action; ``callback_data`` is 1–64 *bytes* (UTF-8),
URLs must be http(s) or tg links, ``switch_inline_query_chosen_chat`` must allow some chat type,
and a keyboard holds at most 100 buttons.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from bot.botapi.errors import bad_request
from bot.limits import fits_inline_query

JsonDict = dict[str, Any]
ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
MAX_BUTTONS = 100
MAX_ROW = 8
_CHOSEN_KINDS = ("allow_user_chats", "allow_bot_chats", "allow_group_chats", "allow_channel_chats")


def check_url(url: Any) -> None:
    """Reject button URLs Telegram would refuse (only http, https and tg links are kept)."""
    parts = urlsplit(url) if isinstance(url, str) else None
    if (
        parts is None
        or parts.scheme.lower() not in ("http", "https", "tg")
        or not (parts.netloc or parts.scheme.lower() == "tg")
    ):
        raise bad_request("BUTTON_URL_INVALID")


def _check_button(button: Any) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request(
            'can\'t parse inline keyboard button: Field "text" must be of type String'
        )
    if not button["text"].strip():
        raise bad_request("BUTTON_TEXT_INVALID")
    actions = [name for name in ACTIONS if name in button]
    if len(actions) != 1:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
            if not actions
            else f"can't parse inline keyboard button: only one of {', '.join(actions)} is allowed"
        )
    action, value = actions[0], button[actions[0]]
    if action == "callback_data" and not (
        isinstance(value, str) and 1 <= len(value.encode("utf-8")) <= 64
    ):
        raise bad_request("BUTTON_DATA_INVALID")
    if action == "url":
        check_url(value)
    if action == "switch_inline_query_chosen_chat":
        if not isinstance(value, dict) or not any(value.get(kind) for kind in _CHOSEN_KINDS):
            raise bad_request("BUTTON_TYPE_INVALID")
        if not fits_inline_query(str(value.get("query", ""))):
            raise bad_request("BUTTON_TYPE_INVALID")


def check_inline_keyboard(markup: Any) -> None:
    """Validate an ``InlineKeyboardMarkup``.

    Raises:
        ApiError: 400 with Telegram's wording for the first problem found.
    """
    rows = markup.get("inline_keyboard") if isinstance(markup, dict) else None
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request("can't parse inline keyboard markup JSON object")
    if sum(len(row) for row in rows) > MAX_BUTTONS or any(len(row) > MAX_ROW for row in rows):
        raise bad_request("BUTTONS_TOO_MUCH")
    for row in rows:
        for button in row:
            _check_button(button)


def check_reply_markup(markup: Any) -> JsonDict | None:
    """Validate any ``reply_markup`` and return what to store on the message.

    Only inline keyboards are attached to the returned message, as in Telegram; reply keyboards,
    ``ReplyKeyboardRemove`` and ``ForceReply`` are checked for shape and accepted.
    """
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        check_inline_keyboard(markup)
        return markup if any(markup["inline_keyboard"]) else None
    if "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) and r for r in rows):
            raise bad_request("can't parse reply keyboard markup JSON object")
        return None
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return None
    raise bad_request("can't parse reply keyboard markup JSON object")
