"""The packaged trimmed catalogue stays in step with the shared official one."""

import json
from pathlib import Path

import pytest

from bot.botapi import spec
from bot.botapi.params import decode


def test_packaged_copy_matches_the_shared_file() -> None:
    if not spec.SHARED_SPEC.is_file():
        pytest.skip("shared botapi.json is not available outside the workspace")
    packaged = Path(spec.__file__).with_name("spec.json")
    assert json.loads(packaged.read_text()) == spec.trim(json.loads(spec.SHARED_SPEC.read_text()))


def test_form_values_are_decoded_by_type() -> None:
    fields = spec.load_spec().methods["sendMessage"]
    params = decode(
        fields,
        {
            "chat_id": "-100123",
            "text": "42",
            "disable_notification": "true",
            "reply_markup": '{"inline_keyboard": []}',
            "unknown": "kept",
        },
    )
    assert params == {
        "chat_id": -100123,
        "text": "42",
        "disable_notification": True,
        "reply_markup": {"inline_keyboard": []},
        "unknown": "kept",
    }
