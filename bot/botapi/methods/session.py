"""The bot's session: getMe, getUpdates, webhooks, close/logOut and harmless profile settings."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from bot.botapi.errors import bad_request, conflict
from bot.botapi.methods.base import Context, Handler, JsonDict

_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


async def get_me(ctx: Context, params: JsonDict) -> JsonDict:
    """getMe: the bot's own user with its capabilities."""
    return {
        **ctx.world.bot.to_dict(),
        "can_join_groups": True,
        "can_read_all_group_messages": not ctx.world.privacy_mode,
        "supports_inline_queries": True,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


async def get_updates(ctx: Context, params: JsonDict) -> list[JsonDict]:
    """getUpdates: long polling; refused while a webhook is set, as in Telegram."""
    if ctx.records.webhook is not None:
        raise conflict(
            "can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first"
        )
    limit = int(params.get("limit", 100))
    if not 1 <= limit <= 100:
        limit = 100
    ctx.world.updates.set_allowed(params.get("allowed_updates"))
    seconds = min(max(float(params.get("timeout", 0)), 0.0), 50.0)
    return await ctx.world.updates.wait(int(params.get("offset", 0)), limit, seconds)


async def set_webhook(ctx: Context, params: JsonDict) -> bool:
    """setWebhook: HTTPS only, except loopback HTTP so local tests can receive updates."""
    url = str(params.get("url", ""))
    if not url:
        ctx.records.webhook = None
        return True
    parts = urlsplit(url)
    local = parts.scheme == "http" and parts.hostname in _LOCAL_HOSTS
    if parts.scheme != "https" and not local:
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = params.get("secret_token")
    if secret is not None and not _SECRET.fullmatch(str(secret)):
        raise bad_request("bad webhook: secret token contains unallowed characters")
    if params.get("drop_pending_updates"):
        ctx.world.updates.confirm(2**62)
    ctx.world.updates.set_allowed(params.get("allowed_updates"))
    ctx.records.webhook = dict(params)
    return True


async def delete_webhook(ctx: Context, params: JsonDict) -> bool:
    """deleteWebhook: back to getUpdates; optionally drop what is pending."""
    ctx.records.webhook = None
    if params.get("drop_pending_updates"):
        ctx.world.updates.confirm(2**62)
    return True


async def get_webhook_info(ctx: Context, params: JsonDict) -> JsonDict:
    """getWebhookInfo: url is empty while polling."""
    hook = ctx.records.webhook or {}
    info: JsonDict = {
        "url": hook.get("url", ""),
        "has_custom_certificate": False,
        "pending_update_count": len(ctx.world.updates.pending),
    }
    info.update({k: hook[k] for k in ("max_connections", "allowed_updates") if k in hook})
    info.update(ctx.records.webhook_error or {})
    return info


async def accept(ctx: Context, params: JsonDict) -> Any:
    """Methods with no observable effect here (close, logOut, profile texts, menu button)."""
    return True


HANDLERS: dict[str, Handler] = {
    "getMe": get_me,
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "close": accept,
    "logOut": accept,
    "setMyDescription": accept,
    "setMyShortDescription": accept,
    "setMyName": accept,
    "setChatMenuButton": accept,
    "setMyDefaultAdministratorRights": accept,
}
