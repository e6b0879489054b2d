"""Request parameters: decode them by their documented types, then check the required ones.

Telegram accepts query strings, form bodies (python-telegram-bot sends
``application/x-www-form-urlencoded`` with every non-string value JSON-encoded, or multipart
when uploading) and JSON bodies.  Form values arrive as strings, so each is decoded by the
parameter's documented type: ``Integer`` -> int, ``Boolean`` -> bool, objects and arrays -> JSON.
Unknown parameters are kept and ignored, as Telegram ignores them.
"""

from __future__ import annotations

import json
from typing import Any

from bot.botapi.errors import bad_request
from bot.botapi.spec import Field

JsonDict = dict[str, Any]
_SCALARS = ("Integer", "Float", "Boolean", "String", "InputFile")


def _is_object(kinds: tuple[str, ...]) -> bool:
    return any(k.startswith("Array of") or k not in _SCALARS for k in kinds)


def _decode_text(field: Field, raw: str) -> Any:
    kinds = field.types
    if "Integer" in kinds:
        try:
            return int(raw)
        except ValueError:
            pass
    if "Float" in kinds:
        try:
            return float(raw)
        except ValueError:
            pass
    if "Boolean" in kinds and raw.lower() in ("true", "false", "1", "0"):
        return raw.lower() in ("true", "1")
    if _is_object(kinds) and raw[:1] in ("[", "{"):
        try:
            return json.loads(raw)
        except ValueError:
            raise bad_request(f"can't parse {field.name} JSON object") from None
    if "String" in kinds or "InputFile" in kinds:
        return raw
    if _is_object(kinds):
        raise bad_request(f"can't parse {field.name} JSON object")
    raise bad_request(f'field "{field.name}" must be of type {" or ".join(kinds)}')


def _check_json(field: Field, value: Any) -> Any:
    if isinstance(value, str):
        return _decode_text(field, value)
    kinds = field.types
    ok = (
        (isinstance(value, bool) and "Boolean" in kinds)
        or (isinstance(value, int) and not isinstance(value, bool) and "Integer" in kinds)
        or (isinstance(value, int | float) and "Float" in kinds)
        or (isinstance(value, list) and any(k.startswith("Array of") for k in kinds))
        or (isinstance(value, dict) and _is_object(kinds))
    )
    if not ok:
        raise bad_request(f'field "{field.name}" must be of type {" or ".join(kinds)}')
    return value


def decode(fields: dict[str, Field], raw: dict[str, Any]) -> JsonDict:
    """Decode and type-check known parameters; check that the required ones are present.

    Args:
        fields: The method's parameters from the spec.
        raw: Parameters as received: strings from forms and queries, typed values from JSON.

    Returns:
        Parameters with known ones decoded to Python values; empty strings count as missing.

    Raises:
        ApiError: 400 for a value of the wrong type or a missing required parameter.
    """
    params: JsonDict = {}
    for name, value in raw.items():
        field = fields.get(name)
        if field is None:
            params[name] = value
        elif value is None or value == "":
            continue
        else:
            params[name] = _check_json(field, value)
    for field in fields.values():
        if field.required and field.name not in params:
            raise missing(field.name)
    return params


def missing(name: str) -> Exception:
    """Telegram's wording for a missing parameter (a few have their own)."""
    special = {"text": "message text is empty", "chat_id": "chat_id is empty"}
    return bad_request(special.get(name, f"{name} is required"))
