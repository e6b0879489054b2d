"""Bot API errors shaped like Telegram's, so clients map them as they would in production.

python-telegram-bot chooses its exception class from the HTTP status and from
``parameters`` (``migrate_to_chat_id`` -> ``ChatMigrated``, ``retry_after`` -> ``RetryAfter``), so
every error carries the status that Telegram would use and the same description text.
"""

from __future__ import annotations

from typing import Any

JsonDict = dict[str, Any]


class ApiError(Exception):
    """A failed Bot API call, rendered as ``{"ok": false, "error_code": ..., "description": ...}``.

    Args:
        code: HTTP status and ``error_code`` (Telegram keeps them equal).
        description: Telegram's description, including its prefix such as ``"Bad Request: "``.
        parameters: Optional ``ResponseParameters`` (``retry_after``, ``migrate_to_chat_id``).
    """

    def __init__(self, code: int, description: str, parameters: JsonDict | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def to_json(self) -> JsonDict:
        """Return the response body Telegram would send for this error."""
        body: JsonDict = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(detail: str, parameters: JsonDict | None = None) -> ApiError:
    """Return a 400 error; ``detail`` is the text after ``"Bad Request: "``."""
    return ApiError(400, f"Bad Request: {detail}", parameters)


def forbidden(detail: str) -> ApiError:
    """Return a 403 error; ``detail`` is the text after ``"Forbidden: "``."""
    return ApiError(403, f"Forbidden: {detail}")


def unauthorized() -> ApiError:
    """Return the 401 Telegram answers for a token it does not know."""
    return ApiError(401, "Unauthorized")


def method_not_found() -> ApiError:
    """Return the 404 Telegram answers for an unknown method name."""
    return ApiError(404, "Not Found: method not found")


def conflict(detail: str) -> ApiError:
    """Return a 409 error, e.g. getUpdates while a webhook is set."""
    return ApiError(409, f"Conflict: {detail}")


def too_many_requests(retry_after: int) -> ApiError:
    """Return the 429 flood-control error with ``parameters.retry_after`` in whole seconds."""
    return ApiError(
        429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
    )


def chat_migrated(new_chat_id: int) -> ApiError:
    """Return the 400 Telegram answers when a group was upgraded to a supergroup."""
    return bad_request(
        "group chat was upgraded to a supergroup chat", {"migrate_to_chat_id": new_chat_id}
    )


def server_error(code: int) -> ApiError:
    """Return a transient 5xx error (500 Internal Server Error, 502 Bad Gateway, ...)."""
    texts = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}
    return ApiError(code, texts.get(code, "Internal Server Error"))
