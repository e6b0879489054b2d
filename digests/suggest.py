"""What to suggest when a topic, query or search finds nothing.

Pure: the interfaces (the bot's /digest, /post, /summary, the CLI's `digest`) pass what the
user typed and the topic names, and word the advice themselves. A single word close to a
topic name ("brexitt", "russia-chna") is most likely that topic mistyped; a query of
several words more often finds something with fewer of them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from digests.i18n import ENGLISH, Translator
from digests.topics import normalize_topic_name

#: How alike a typed word and a topic name must be (difflib ratio) to suggest the name:
#: "brexitt"/"brexit" is 0.92, "covid"/"covid-19" 0.77, "nosuchtopic"/"russia-china" 0.35.
CUTOFF = 0.75
MAX_SUGGESTIONS = 3


@dataclass(frozen=True, slots=True)
class NothingFound:
    """Advice for an empty result: close topic names, and whether fewer words may help."""

    text: str
    close_topics: tuple[str, ...] = ()
    several_words: bool = False
    #: A named topic with nothing in the period: a longer period is what helps.
    named: bool = False


def close_topic_names(text: str, names: Iterable[str]) -> list[str]:
    """Topic names close to `text` when it is one word (or one dashed name), best first."""
    candidate = normalize_topic_name(text)
    if not candidate or " " in text.strip() or candidate in set(names):
        return []
    known = sorted(set(names))
    by_prefix = [n for n in known if len(candidate) >= 4 and n.startswith(candidate)]
    close = difflib.get_close_matches(candidate, known, n=MAX_SUGGESTIONS, cutoff=CUTOFF)
    return list(dict.fromkeys([*close, *by_prefix]))[:MAX_SUGGESTIONS]


def nothing_found(text: str, names: Iterable[str]) -> NothingFound:
    """Advice for `text` that matched nothing."""
    words = text.split()
    known = set(names)
    if normalize_topic_name(text) in known:
        return NothingFound(normalize_topic_name(text), named=True)
    return NothingFound(" ".join(words), tuple(close_topic_names(text, known)),
                        several_words=len(words) > 1)


def did_you_mean(names: Iterable[str], t: Translator = ENGLISH) -> str:
    """``Did you mean brexit?`` / ``Did you mean covid-19 or climate?``; empty for none."""
    listed = list(names)
    if not listed:
        return ""
    joined = listed[0] if len(listed) == 1 else t.gettext(
        "{names} or {name}", names=", ".join(listed[:-1]), name=listed[-1])
    return t.gettext("Did you mean {names}?", names=joined)


def cli_advice(found: NothingFound, window: str, t: Translator = ENGLISH) -> str:
    """The CLI's one line for an empty digest of a query, in `t`'s language (``--lang``).

    `window` says which period was searched, already in that language.
    """
    hint = did_you_mean(found.close_topics, t)
    tries = (t.gettext("Try fewer words, a longer --since (e.g. 7d) or `newsdigest topics` "
                       "for the named topics.") if found.several_words else
             t.gettext("Try a longer --since (e.g. 7d) or `newsdigest topics` for the named "
                       "topics."))
    return " ".join(filter(None, (t.gettext("no articles match “{text}” {window}.",
                                            text=found.text, window=window),
                                  hint, tries)))
