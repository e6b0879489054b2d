"""Keep the message catalogs in step with the code: extract, then update every catalog.

``python -m digests.catalogs`` rewrites ``digests/locales/messages.pot`` from the texts
marked in ``bot/``, ``cli/`` and ``digests/`` (``gettext``, ``ngettext``, ``N_``) and merges it
into each ``<lang>/LC_MESSAGES/messages.po``: new texts appear untranslated, removed ones are
marked obsolete. ``tests/core/test_i18n.py`` fails while any catalog misses a text, so a
new string cannot ship half-translated. A new language starts as a copy of the template
(``pybabel init -i digests/locales/messages.pot -d digests/locales -l uk``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

from digests.language import CATALOG, LOCALES

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("bot", "cli", "digests")
TEMPLATE = LOCALES / "messages.pot"
# gettext's names, and the renderers' helper whose second argument is a translatable text.
KEYWORDS = {**DEFAULT_KEYWORDS, "translated_html": (2,)}


def extract_messages() -> Catalog:
    """Every marked text of the bot's, the CLI's and the core's code, as a template catalog."""
    template = Catalog(project="newsdigest", fuzzy=False)
    for folder in SOURCES:
        for filename, lineno, message, comments, context in extract_from_dir(
                ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS):
            template.add(message, None, [(f"{folder}/{filename}", lineno)],
                         auto_comments=comments, context=context)
    return template


def catalogs() -> Iterator[tuple[str, Path]]:
    """Each translated language's code and catalog path."""
    for path in sorted(LOCALES.glob(f"*/{CATALOG}")):
        yield path.parents[1].name, path


def update() -> None:
    """Write the template and merge it into every catalog."""
    template = extract_messages()
    with TEMPLATE.open("wb") as out:
        write_po(out, template, omit_header=False, sort_output=True)
    for _, path in catalogs():
        with path.open("rb") as source:
            catalog = read_po(source)
        catalog.update(template, no_fuzzy_matching=True)
        with path.open("wb") as out:
            write_po(out, catalog, sort_output=True, ignore_obsolete=True)


if __name__ == "__main__":
    update()
