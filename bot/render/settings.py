"""The /settings message: current choices and buttons to change them."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.render.html import bold, escape

SETTINGS_PREFIX = "st:"
BUTTONS_PER_ROW = 4


def _button(label: str, chosen: bool, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(("• " if chosen else "") + label, callback_data=data)


def render_settings(
    length: str, algorithm: str, lengths: Sequence[str], algorithms: Sequence[str]
) -> tuple[str, InlineKeyboardMarkup]:
    """The settings text and keyboard; the current choice of each row is marked with •."""
    text = (f"{bold('Settings')}\n\nSummary length: {escape(length)}\n"
            f"Algorithm: {escape(algorithm)}\nInterface language: English\n\n"
            "Tap to change (in groups, administrators only).")
    rows = [[_button(v, v == length, f"{SETTINGS_PREFIX}len:{v}") for v in lengths]]
    for start in range(0, len(algorithms), BUTTONS_PER_ROW):
        rows.append([_button(name, name == algorithm, f"{SETTINGS_PREFIX}alg:{name}")
                     for name in algorithms[start:start + BUTTONS_PER_ROW]])
    return text, InlineKeyboardMarkup(rows)
