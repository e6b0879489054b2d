"""The bot's own texts in the reader's language: gettext catalogs read with Babel.

The sources are the ``.po`` catalogs under ``digests/locales/<lang>/LC_MESSAGES/``;
there is no compiled ``.mo`` in the repository and no compile step: each catalog is read
and compiled in memory once, when first asked for, so a fresh clone speaks every language
it has a catalog for. English is the source language (the msgids). Adding a language is
adding a catalog (``pybabel init``, see README "Languages"), nothing else.

A `Translator` is handed to every renderer as a parameter: which language a message is
in depends on the chat it goes to, never on process state.
"""

from __future__ import annotations

import functools
import gettext
import io
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from digests.language import CATALOG, DEFAULT_LANGUAGE, LOCALES, available_languages

SOURCE_LANGUAGE = DEFAULT_LANGUAGE


class Translator:
    """One language's texts: `gettext` and `ngettext` with ``{name}`` placeholders.

    Placeholders are filled after translation, so a catalog can reorder them; `ngettext`
    always offers ``{count}``. Russian needs three plural forms ("1 сюжет", "3 сюжета",
    "5 сюжетов"): the catalog's Plural-Forms header chooses, not English's n == 1.
    """

    def __init__(self, language: str, catalog: gettext.NullTranslations) -> None:
        self.language = language
        self._catalog = catalog

    def gettext(self, message: str, **values: object) -> str:
        """The translation of `message` (itself when untranslated), placeholders filled."""
        text = self._catalog.gettext(message)
        return text.format(**values) if values else text

    def pgettext(self, context: str, message: str, **values: object) -> str:
        """`gettext` of a text that one word cannot cover in every language.

        English "new" is one word for a source and for several; Russian says "новый" or
        "новые", so each use names its context (msgctxt) and gets its own entry.
        """
        text = self._catalog.pgettext(context, message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, count: int, **values: object) -> str:
        """The plural form for `count`, with ``{count}`` and the other placeholders filled."""
        return self._catalog.ngettext(singular, plural, count).format(count=count, **values)

    def language_name(self, language: str) -> str:
        """A language's name in its own language, capitalised: "English", "Русский".

        Buttons that switch language name each language as its readers write it, so
        someone who cannot read the current interface still finds their own.
        """
        name = Locale.parse(language).get_display_name(language) or language
        return name[:1].upper() + name[1:]


def _compile(path: Path) -> gettext.GNUTranslations:
    """Read a .po catalog and compile it in memory (fuzzy entries are left out)."""
    with path.open("rb") as source:
        catalog = read_po(source)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def translator(language: str | None) -> Translator:
    """The translator for `language`; English for one without a catalog."""
    known = language if language in available_languages() else SOURCE_LANGUAGE
    return _translator(known or SOURCE_LANGUAGE)


@functools.cache
def _translator(language: str) -> Translator:
    """Cached: catalogs are immutable once read, and each is compiled once per process."""
    if language == SOURCE_LANGUAGE:
        return Translator(SOURCE_LANGUAGE, gettext.NullTranslations())
    return Translator(language, _compile(LOCALES / language / CATALOG))


ENGLISH = translator(SOURCE_LANGUAGE)


class Explained(Exception):  # noqa: N818 - a mixin for the core's user-facing errors
    """An error the user reads: its catalog text and values, so each chat reads its language.

    ``str(error)`` stays the English text (logs, the CLI); the bot calls `explain`. A
    message built elsewhere without values is its own text, shown as it is.
    """

    def __init__(self, template: str, **values: object) -> None:
        super().__init__(template.format(**values) if values else template)
        self.template = template
        self.values = values

    def explain(self, t: Translator) -> str:
        """The message in `t`'s language."""
        return t.gettext(self.template, **self.values)


class InvalidValueError(Explained, ValueError):
    """A value the user typed that is not of an accepted form, with its catalog text.

    A `ValueError`, so the parsers' callers (and the CLI) catch it as before; the bot
    shows `explain` in the chat's language.
    """


def explain(error: BaseException, t: Translator) -> str:
    """What the user reads about `error`: its catalog text when it has one, else its words."""
    return error.explain(t) if isinstance(error, Explained) else str(error)


def N_(message: str) -> str:  # noqa: N802 - the name gettext extractors look for
    """Mark a text for the catalogs where it is defined; it is translated where shown."""
    return message
