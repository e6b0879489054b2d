"""Answers and menus: answerCallbackQuery, answerInlineQuery and the bot command lists."""

from __future__ import annotations

from bot.botapi.errors import bad_request
from bot.botapi.methods.base import Context, Handler, JsonDict
from bot.botapi.validate import check_commands, check_inline_results, scope_key

QUERY_GONE = "query is too old and response timeout expired or query ID is invalid"


async def answer_callback_query(ctx: Context, params: JsonDict) -> bool:
    """answerCallbackQuery: each query is answered at most once, with at most 200 characters."""
    query = ctx.records.open_callbacks.pop(str(params["callback_query_id"]), None)
    if query is None:
        raise bad_request(QUERY_GONE)
    if len(str(params.get("text", ""))) > 200:
        ctx.records.open_callbacks[query["id"]] = query
        raise bad_request("MESSAGE_TOO_LONG")
    ctx.records.callback_answers.append(params)
    await ctx.records.notify()
    return True


async def answer_inline_query(ctx: Context, params: JsonDict) -> bool:
    """answerInlineQuery: <= 50 results with unique 1–64 byte ids, each content a valid message."""
    query_id = str(params["inline_query_id"])
    if query_id not in ctx.records.open_inline:
        raise bad_request(QUERY_GONE)
    check_inline_results(params["results"], params.get("next_offset"))
    button = params.get("button")
    if button is not None and not (isinstance(button, dict) and button.get("text")):
        raise bad_request("can't parse InlineQueryResultsButton JSON object")
    del ctx.records.open_inline[query_id]
    ctx.records.inline_answers[query_id] = params
    await ctx.records.notify()
    return True


async def set_my_commands(ctx: Context, params: JsonDict) -> bool:
    """setMyCommands: stored per scope and language."""
    commands = check_commands(params["commands"])
    key = scope_key(params.get("scope"), params.get("language_code"))
    ctx.records.commands[key] = [dict(c) for c in commands]
    return True


async def get_my_commands(ctx: Context, params: JsonDict) -> list[JsonDict]:
    """getMyCommands: what was set for exactly this scope and language."""
    return ctx.records.commands.get(scope_key(params.get("scope"), params.get("language_code")), [])


async def delete_my_commands(ctx: Context, params: JsonDict) -> bool:
    """deleteMyCommands: forget one scope's list."""
    ctx.records.commands.pop(scope_key(params.get("scope"), params.get("language_code")), None)
    return True


HANDLERS: dict[str, Handler] = {
    "answerCallbackQuery": answer_callback_query,
    "answerInlineQuery": answer_inline_query,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
}
