"""What the bot says when a digest, summary or topic finds nothing: plainly, with what to try.

The advice (close topic names, whether fewer words may help) comes from `digests.suggest`;
this module only words it in the chat's language. Plain text: send with `reply_text`,
which escapes it.
"""

from __future__ import annotations

from digests.i18n import ENGLISH, N_, Translator
from digests.suggest import NothingFound

NOTHING_FOUND = N_("Nothing found for “{query}”.")
DID_YOU_MEAN = N_("Did you mean {names}?")
TRY_FEWER = N_("Try fewer words, a named topic from /topics, or see /sources for where the "
               "news comes from.")
TRY_TOPICS = N_("Try a named topic from /topics, or see /sources for where the news comes "
                "from.")
NOTHING_IN_PERIOD = N_("No articles on {topic} in this period. Try a longer one, e.g. "
                       "/digest {topic} 30d.")
MAX_ECHO_CHARS = 100


def render_nothing_found(found: NothingFound, *, t: Translator = ENGLISH) -> str:
    """E.g. "Nothing found for “brexitt”. Did you mean brexit? Try a named topic from …"."""
    if found.named:
        return t.gettext(NOTHING_IN_PERIOD, topic=found.text)
    query = found.text if len(found.text) <= MAX_ECHO_CHARS else found.text[:99] + "…"
    lines = [t.gettext(NOTHING_FOUND, query=query)]
    if found.close_topics:
        lines.append(t.gettext(DID_YOU_MEAN, names=", ".join(found.close_topics)))
    lines.append(t.gettext(TRY_FEWER if found.several_words else TRY_TOPICS))
    return " ".join(lines)
