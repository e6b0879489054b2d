"""Hand-written rules the spec states only in prose: text limits, commands, inline answers."""

from __future__ import annotations

import re
from typing import Any

from bot.botapi.errors import bad_request
from bot.botapi.html import parse_html
from bot.botapi.markup import check_reply_markup
from bot.botapi.text import MAX_TEXT, utf16_len

JsonDict = dict[str, Any]
_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
SCOPES = {
    "default": (),
    "all_private_chats": (),
    "all_group_chats": (),
    "all_chat_administrators": (),
    "chat": ("chat_id",),
    "chat_administrators": ("chat_id",),
    "chat_member": ("chat_id", "user_id"),
}


def render_text(
    text: str, parse_mode: str | None, entities: Any, limit: int = MAX_TEXT
) -> tuple[str, list[JsonDict]]:
    """Turn what the bot sent into what the user sees, enforcing Telegram's limits.

    Args:
        text: ``text`` (or ``message_text``) as sent.
        parse_mode: ``HTML`` is parsed strictly; ``Markdown``/``MarkdownV2`` are not modelled
            (the text is kept raw); anything else is rejected.
        entities: Explicit entities, used when no parse mode is given.
        limit: Maximum visible length in UTF-16 code units.

    Returns:
        The visible text and its entities.

    Raises:
        ApiError: 400 "can't parse entities", "message text is empty", "message is too long".
    """
    mode = (parse_mode or "").lower()
    if mode == "html":
        visible, found = parse_html(text)
    elif mode in ("", "markdown", "markdownv2"):
        visible, found = text, _check_entities(text, entities) if not mode else []
    else:
        raise bad_request("unsupported parse_mode")
    if not visible.strip():
        raise bad_request("message text is empty")
    if utf16_len(visible) > limit:
        raise bad_request("message is too long")
    return visible, found


def _check_entities(text: str, entities: Any) -> list[JsonDict]:
    if entities is None:
        return []
    size = utf16_len(text)
    if not isinstance(entities, list):
        raise bad_request("can't parse entities JSON object")
    for entity in entities:
        if not (
            isinstance(entity, dict)
            and isinstance(entity.get("type"), str)
            and isinstance(entity.get("offset"), int)
            and isinstance(entity.get("length"), int)
            and entity["offset"] >= 0
            and entity["offset"] + entity["length"] <= size
        ):
            raise bad_request("can't parse entities: entity is out of bounds or malformed")
    return [e for e in entities if e["length"] > 0]


def check_commands(commands: Any) -> list[JsonDict]:
    """Validate ``setMyCommands``' list: <= 100, names ``[a-z0-9_]{1,32}``, descriptions 1–256."""
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    if len(commands) > 100:
        raise bad_request("too many commands specified")
    for command in commands:
        if not isinstance(command, dict):
            raise bad_request("can't parse BotCommand JSON object")
        name, description = command.get("command"), command.get("description")
        if not isinstance(name, str) or not _COMMAND_NAME.fullmatch(name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    return commands


def scope_key(scope: Any, language_code: str | None) -> str:
    """A stable key for a command scope and language, e.g. ``"chat:-100123/en"``."""
    scope = scope or {"type": "default"}
    if not isinstance(scope, dict) or scope.get("type") not in SCOPES:
        raise bad_request("can't parse BotCommandScope JSON object")
    parts = [str(scope["type"])]
    for name in SCOPES[scope["type"]]:
        if name not in scope:
            raise bad_request(f"{name} is required in the command scope")
        parts.append(str(scope[name]))
    return ":".join(parts) + "/" + (language_code or "")


def check_inline_results(results: Any, next_offset: str | None) -> list[JsonDict]:
    """Validate ``answerInlineQuery``: <= 50 results, unique ids of 1–64 bytes, valid contents."""
    if not isinstance(results, list):
        raise bad_request("can't parse results JSON object")
    if len(results) > 50:
        raise bad_request("RESULTS_TOO_MUCH")
    if next_offset is not None and len(str(next_offset).encode("utf-8")) > 64:
        raise bad_request("NEXT_OFFSET_INVALID")
    seen: set[str] = set()
    for result in results:
        if not isinstance(result, dict) or not isinstance(result.get("type"), str):
            raise bad_request("can't parse InlineQueryResult JSON object")
        result_id = result.get("id")
        if not isinstance(result_id, str) or not 1 <= len(result_id.encode("utf-8")) <= 64:
            raise bad_request("RESULT_ID_INVALID")
        if result_id in seen:
            raise bad_request("RESULT_ID_DUPLICATE")
        seen.add(result_id)
        _check_result(result)
    return results


def _check_result(result: JsonDict) -> None:
    content = result.get("input_message_content")
    if result["type"] == "article" and not result.get("title"):
        raise bad_request("RESULT_TITLE_EMPTY")
    if result["type"] == "article" and not content:
        raise bad_request("MESSAGE_EMPTY")
    if isinstance(content, dict) and "message_text" in content:
        text = str(content["message_text"])
        render_text(text, content.get("parse_mode"), content.get("entities"))
    if "reply_markup" in result:
        check_reply_markup(result["reply_markup"])
