"""The /settings message: current choices and buttons to change them."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.render.html import bold, escape
from digests.i18n import ENGLISH, Translator
from digests.language import ALL_LANGUAGES

SETTINGS_PREFIX = "st:"
BUTTONS_PER_ROW = 4


def _button(label: str, chosen: bool, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(("• " if chosen else "") + label, callback_data=data)


def language_label(choice: str | None, t: Translator) -> str:
    """A language choice as its readers name it ("Русский"); "all" in the interface's words."""
    if choice is None or choice == ALL_LANGUAGES:
        return t.gettext("All languages")
    return t.language_name(choice)


def render_settings(
    length: str, algorithm: str, lengths: Sequence[str], algorithms: Sequence[str], *,
    language: str | None = None, languages: Sequence[str] = (), t: Translator = ENGLISH,
) -> tuple[str, InlineKeyboardMarkup]:
    """The settings text and keyboard; the current choice of each row is marked with •.

    Args:
        length: the chat's summary length.
        algorithm: the chat's summarization algorithm.
        lengths: the lengths offered as buttons.
        algorithms: the algorithms offered as buttons.
        language: the chat's language choice (a code or "all").
        languages: the languages offered (the bot's catalogs); "all" is added after them.
        t: the chat's translator.
    """
    text = "\n".join([
        bold(t.gettext("Settings")), "",
        escape(t.gettext("Language: {name}", name=language_label(language, t))),
        escape(t.gettext("Summary length: {length}", length=length)),
        escape(t.gettext("Algorithm: {name}", name=algorithm)), "",
        escape(t.gettext("Tap to change (in groups, administrators only).")),
    ])
    rows = []
    if languages:
        rows.append([_button(language_label(code, t), code == language,
                             f"{SETTINGS_PREFIX}lang:{code}")
                     for code in (*languages, ALL_LANGUAGES)])
    rows.append([_button(v, v == length, f"{SETTINGS_PREFIX}len:{v}") for v in lengths])
    for start in range(0, len(algorithms), BUTTONS_PER_ROW):
        rows.append([_button(name, name == algorithm, f"{SETTINGS_PREFIX}alg:{name}")
                     for name in algorithms[start:start + BUTTONS_PER_ROW]])
    return text, InlineKeyboardMarkup(rows)
