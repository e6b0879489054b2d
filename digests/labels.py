"""Per-article labels from ingest metadata, in the reader's language.

The corpus marks the kremlin.ru and president.gov.ua records with a `source_kind`
("official state communication of a party to a war …", see seeds/README.md) and the
store keeps it on the article (`Article.source_kind`). Every display shows it next to the
licence. The kinds we ship are catalog texts, so a Russian chat reads them in Russian; a
kind the catalogs do not know (another corpus's wording) is shown as its source wrote it.
"""

from __future__ import annotations

from digests.i18n import ENGLISH, N_, Translator

#: The corpus's own wording for official releases of a party to a war.
OFFICIAL_STATE = N_("official state communication of a party to a war "
                    "(not independent journalism)")
KNOWN_KINDS = (OFFICIAL_STATE,)


def label_text(kind: str | None, t: Translator = ENGLISH) -> str | None:
    """The article's label in `t`'s language; None when it has none."""
    if not kind or not kind.strip():
        return None
    return t.gettext(kind) if kind in KNOWN_KINDS else kind
