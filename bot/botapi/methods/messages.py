"""Sending and changing messages: sendMessage, edits, deletes, forwards, copies, chat actions."""

from __future__ import annotations

from typing import Any

from bot.botapi.errors import bad_request
from bot.botapi.markup import check_reply_markup
from bot.botapi.methods.base import Context, Handler, JsonDict
from bot.botapi.models import Chat, StoredMessage
from bot.botapi.validate import render_text
from bot.botapi.world import World

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)


def _thread(chat: Chat, thread_id: Any, reply: StoredMessage | None) -> int | None:
    """Forum thread of a new message; threads only exist (and must exist) in forums."""
    if not chat.is_forum:
        return None
    if thread_id is None and reply is not None:
        thread_id = reply.thread_id
    if thread_id is not None and thread_id not in chat.topics:
        raise bad_request("message thread not found")
    return None if thread_id in (None, 1) else int(thread_id)


def _reply_target(world: World, chat: Chat, params: JsonDict) -> StoredMessage | None:
    reply = params.get("reply_parameters") or {}
    if "reply_to_message_id" in params:
        reply = {"message_id": params["reply_to_message_id"], **reply}
    if not reply:
        return None
    target_chat = reply.get("chat_id", chat.id)
    target = world.message(world.find_chat(target_chat).id, int(reply.get("message_id", 0)))
    allow = reply.get("allow_sending_without_reply") or params.get("allow_sending_without_reply")
    if target is None and not allow:
        raise bad_request("message to be replied not found")
    return target


async def _deliver(
    ctx: Context, chat: Chat, text: str, entities: list[JsonDict], params: JsonDict, method: str
) -> StoredMessage:
    """The common tail of every sending method: thread, reply, flood control, store, notify."""
    markup = check_reply_markup(params.get("reply_markup"))
    reply = _reply_target(ctx.world, chat, params)
    thread = _thread(chat, params.get("message_thread_id"), reply)
    ctx.take_flood_slot(chat)
    extra = {"reply_markup": markup} if markup else {}
    extra.update(params.get("_extra", {}))
    channel = chat.type == "channel"
    data = ctx.world.new_message(
        chat,
        None if channel else ctx.world.bot,
        text,
        entities,
        sender_chat=chat if channel else None,
        thread_id=thread,
        reply_to=reply,
        extra=extra,
    )
    stored = ctx.world.store(
        data,
        from_bot=True,
        method=method,
        source=params.get("text"),
        parse_mode=params.get("parse_mode"),
        params=params,
    )
    ctx.records.sent.append(stored)
    await ctx.records.notify()
    return stored


async def send_message(ctx: Context, params: JsonDict) -> JsonDict:
    """sendMessage: the digest bot's main output."""
    chat = ctx.world.sendable_chat(params["chat_id"])
    text, entities = render_text(params["text"], params.get("parse_mode"), params.get("entities"))
    return (await _deliver(ctx, chat, text, entities, params, "sendMessage")).data


def _own_message(ctx: Context, params: JsonDict, verb: str) -> StoredMessage:
    if "inline_message_id" in params:
        found = ctx.world.inline_messages.get(str(params["inline_message_id"]))
        if found is None:
            raise bad_request("MESSAGE_ID_INVALID")
        return found
    if "chat_id" not in params or "message_id" not in params:
        raise bad_request("chat_id and message_id are required without inline_message_id")
    chat = ctx.world.find_chat(params["chat_id"])
    stored = ctx.world.message(chat.id, int(params["message_id"]))
    if stored is None or stored.deleted:
        raise bad_request(f"message to {verb} not found")
    if not stored.from_bot and not stored.via_bot:
        raise bad_request("message can't be edited")
    return stored


async def _finish_edit(ctx: Context, stored: StoredMessage, params: JsonDict) -> Any:
    stored.edits += 1
    stored.data["edit_date"] = ctx.world.now()
    await ctx.records.notify()
    return True if "inline_message_id" in params else stored.data


async def edit_message_text(ctx: Context, params: JsonDict) -> Any:
    """editMessageText: replaces text and markup; unchanged content is an error, as in Telegram."""
    stored = _own_message(ctx, params, "edit")
    if "text" not in params:
        raise bad_request("text is required")
    text, entities = render_text(params["text"], params.get("parse_mode"), params.get("entities"))
    markup = check_reply_markup(params.get("reply_markup"))
    if text == stored.text and entities == stored.entities and markup == stored.reply_markup:
        raise bad_request(NOT_MODIFIED)
    stored.data["text"] = text
    stored.data.pop("entities", None)
    stored.data.pop("reply_markup", None)
    stored.data.update({"entities": entities} if entities else {})
    stored.data.update({"reply_markup": markup} if markup else {})
    stored.source, stored.parse_mode = params["text"], params.get("parse_mode")
    return await _finish_edit(ctx, stored, params)


async def edit_message_reply_markup(ctx: Context, params: JsonDict) -> Any:
    """editMessageReplyMarkup: replaces (or removes) the inline keyboard."""
    stored = _own_message(ctx, params, "edit")
    markup = check_reply_markup(params.get("reply_markup"))
    if markup == stored.reply_markup:
        raise bad_request(NOT_MODIFIED)
    stored.data.pop("reply_markup", None)
    stored.data.update({"reply_markup": markup} if markup else {})
    return await _finish_edit(ctx, stored, params)


async def delete_message(ctx: Context, params: JsonDict) -> bool:
    """deleteMessage: own messages anywhere; others' only in private chats or with the right."""
    chat = ctx.world.find_chat(params["chat_id"])
    stored = ctx.world.message(chat.id, int(params["message_id"]))
    if stored is None or stored.deleted:
        raise bad_request("message to delete not found")
    me = ctx.world.member(chat.id, ctx.world.bot.id)
    if not (stored.from_bot or chat.type == "private" or "can_delete_messages" in me.rights):
        raise bad_request("message can't be deleted")
    stored.deleted = True
    await ctx.records.notify()
    return True


def _source(ctx: Context, params: JsonDict, verb: str) -> StoredMessage:
    chat = ctx.world.find_chat(params["from_chat_id"])
    stored = ctx.world.message(chat.id, int(params["message_id"]))
    if stored is None or stored.deleted:
        raise bad_request(f"message to {verb} not found")
    return stored


async def forward_message(ctx: Context, params: JsonDict) -> JsonDict:
    """forwardMessage: a copy that names its origin (``forward_origin``)."""
    source = _source(ctx, params, "forward")
    chat = ctx.world.sendable_chat(params["chat_id"])
    origin_chat = source.data["chat"]
    origin: JsonDict = (
        {"type": "channel", "chat": origin_chat, "message_id": source.message_id}
        if origin_chat["type"] == "channel"
        else {"type": "user", "sender_user": source.data.get("from", {})}
    )
    origin["date"] = source.data["date"]
    params = {**params, "_extra": {"forward_origin": origin}, "text": source.text}
    return (await _deliver(ctx, chat, source.text, source.entities, params, "forwardMessage")).data


async def copy_message(ctx: Context, params: JsonDict) -> JsonDict:
    """copyMessage: the same content without a link to the original; returns a MessageId."""
    source = _source(ctx, params, "copy")
    chat = ctx.world.sendable_chat(params["chat_id"])
    params = {**params, "text": source.text}
    stored = await _deliver(ctx, chat, source.text, source.entities, params, "copyMessage")
    return {"message_id": stored.message_id}


async def send_chat_action(ctx: Context, params: JsonDict) -> bool:
    """sendChatAction: "typing…" while the bot works."""
    chat = ctx.world.sendable_chat(params["chat_id"])
    if params["action"] not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    ctx.records.chat_actions.append((chat.id, str(params["action"])))
    return True


HANDLERS: dict[str, Handler] = {
    "sendMessage": send_message,
    "editMessageText": edit_message_text,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "forwardMessage": forward_message,
    "copyMessage": copy_message,
    "sendChatAction": send_chat_action,
}
