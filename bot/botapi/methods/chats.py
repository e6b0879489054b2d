"""Reading chats and memberships: getChat, getChatMember, getChatAdministrators, leaveChat."""

from __future__ import annotations

from bot.botapi.errors import bad_request, forbidden
from bot.botapi.methods.base import Context, Handler, JsonDict
from bot.botapi.models import Chat, Member


def _visible_chat(ctx: Context, chat_id: int | str) -> Chat:
    """A chat the bot can look into: it must still be a member of groups and channels."""
    chat = ctx.world.find_chat(chat_id)
    if chat.type != "private":
        me = ctx.world.member(chat.id, ctx.world.bot.id)
        if me.status == "kicked":
            raise forbidden(f"bot was kicked from the {chat.kind} chat")
        if not me.is_present:
            raise forbidden(f"bot is not a member of the {chat.kind} chat")
    return chat


async def get_chat(ctx: Context, params: JsonDict) -> JsonDict:
    """getChat: the ChatFullInfo of a chat the bot can see."""
    return _visible_chat(ctx, params["chat_id"]).full_info()


async def get_chat_member(ctx: Context, params: JsonDict) -> JsonDict:
    """getChatMember: the status and rights the digest bot checks before group actions."""
    chat = _visible_chat(ctx, params["chat_id"])
    user_id = int(params["user_id"])
    if user_id not in ctx.world.users and user_id != ctx.world.anonymous_bot.id:
        raise bad_request("user not found")
    if user_id == ctx.world.anonymous_bot.id:
        return Member(ctx.world.anonymous_bot, "member").to_dict(chat)
    return ctx.world.member(chat.id, user_id).to_dict(chat)


async def get_chat_administrators(ctx: Context, params: JsonDict) -> list[JsonDict]:
    """getChatAdministrators: owner and administrators, anonymous ones included."""
    chat = _visible_chat(ctx, params["chat_id"])
    if chat.type == "private":
        raise bad_request("there are no administrators in the private chat")
    members = ctx.world.members.get(chat.id, {}).values()
    return [member.to_dict(chat) for member in members if member.is_admin]


async def get_chat_member_count(ctx: Context, params: JsonDict) -> int:
    """getChatMemberCount: members currently in the chat."""
    chat = _visible_chat(ctx, params["chat_id"])
    return sum(m.is_present for m in ctx.world.members.get(chat.id, {}).values())


async def leave_chat(ctx: Context, params: JsonDict) -> bool:
    """leaveChat: the bot leaves a group or channel."""
    chat = _visible_chat(ctx, params["chat_id"])
    if chat.type == "private":
        raise bad_request("chat member status can't be changed in private chats")
    ctx.world.set_member(chat.id, Member(ctx.world.bot, "left"))
    return True


HANDLERS: dict[str, Handler] = {
    "getChat": get_chat,
    "getChatMember": get_chat_member,
    "getChatAdministrators": get_chat_administrators,
    "getChatMemberCount": get_chat_member_count,
    "leaveChat": leave_chat,
}
