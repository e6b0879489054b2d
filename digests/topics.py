"""Named topics: loaded from the bundled `topics.toml` (plus an optional extra file).

Anywhere a topic name is accepted an ad-hoc query works too: `resolve_topic` returns the
named topic when the text is one, otherwise a synthetic topic whose query is the text.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from digests.i18n import Explained, Translator
from digests.models import SearchHit, Topic
from digests.query import Node, parse_query
from digests.quoting import quoted
from digests.topic_rules import RulesError, TopicRules, parse_rules

TOPIC_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class TopicError(ValueError):
    """A topics file is malformed or names an invalid topic."""


class UnknownTopic(Explained, ValueError):  # noqa: N818 - named for what it reports
    """A name that looks like a topic name but is none; the message suggests close ones.

    ``str()`` is the English text (logs); `explain` says it in a reader's language.
    """

    def __init__(self, name: str, known: list[str]) -> None:
        close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        super().__init__(f"unknown topic {quoted(name)}.{hint} Known topics: {', '.join(known)}.")
        self.name = name
        self.suggestions = close
        self.known = known

    def explain(self, t: Translator) -> str:
        """The message in `t`'s language: the name, close names, the known ones."""
        hint = (" " + t.gettext("Did you mean {names}?", names=", ".join(self.suggestions))
                if self.suggestions else "")
        return (t.gettext("unknown topic {name}.", name=quoted(self.name)) + hint + " "
                + t.gettext("Known topics: {names}.", names=", ".join(self.known)))


@dataclass(frozen=True, slots=True)
class ResolvedTopic:
    """A topic (named or ad hoc) with its parsed query."""

    topic: Topic
    query: Node
    named: bool


def _parse_file(text: str, origin: str) -> dict[str, Topic]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TopicError(f"{origin}: {exc}") from exc
    topics: dict[str, Topic] = {}
    for name, entry in data.get("topics", {}).items():
        if not TOPIC_NAME_RE.match(name):
            raise TopicError(f"{origin}: invalid topic name {name!r}")
        if not isinstance(entry, dict) or not isinstance(entry.get("query"), str):
            raise TopicError(f"{origin}: topic {name!r} needs a query")
        query = " ".join(entry["query"].split())
        parse_query(query)  # fail at load time, not when a user asks
        topics[name] = Topic(
            name=name,
            title=str(entry.get("title", name)),
            query=query,
            description=str(entry.get("description", "")),
            rules=_parse_match(entry.get("match"), f"{origin}: topic {name!r}"),
            titles=_translations(entry, "title"),
            descriptions=_translations(entry, "description"),
        )
    return topics


def _translations(entry: dict[str, object], key: str) -> dict[str, str]:
    """A topic's `key` in other languages: ``[topics.<name>.i18n.ru] title = "…"``."""
    tables = entry.get("i18n")
    if not isinstance(tables, dict):
        return {}
    return {str(language): str(table[key]) for language, table in tables.items()
            if isinstance(table, dict) and isinstance(table.get(key), str)}


def _parse_match(table: object, origin: str) -> TopicRules | None:
    if table is None:
        return None
    if not isinstance(table, dict):
        raise TopicError(f"{origin}: match must be a table")
    try:
        return parse_rules(table, origin)
    except RulesError as exc:
        raise TopicError(str(exc)) from exc


def load_topics(extra_file: Path | None = None) -> dict[str, Topic]:
    """The bundled topics, overridden or extended by `extra_file` when given."""
    bundled = resources.files("digests").joinpath("topics.toml").read_text(encoding="utf-8")
    topics = _parse_file(bundled, "topics.toml")
    if extra_file is not None:
        topics.update(_parse_file(extra_file.read_text(encoding="utf-8"), str(extra_file)))
    return topics


def normalize_topic_name(text: str) -> str:
    """Fold user spellings (`Russia China`, `russia_china`) to a topic-name shape."""
    return re.sub(r"[\s_–—]+", "-", text.strip().lower())


_DASHED_NAME_RE = re.compile(r"^[a-z]+(-[a-z0-9]+)+$")


def resolve_topic(text: str, topics: Mapping[str, Topic], *, strict: bool = False) -> ResolvedTopic:
    """The named topic `text` refers to, else an ad-hoc topic querying `text`.

    A single dashed word (`russia-chna`) is taken as a mistyped topic name rather than a
    query, since a search for it would silently find nothing; `strict` requires a name.

    Raises:
        UnknownTopic: the text is shaped like a topic name (or `strict`) but names none.
        QueryError: the text is neither a topic name nor a searchable query.
    """
    name = normalize_topic_name(text)
    if name in topics:
        topic = topics[name]
        return ResolvedTopic(topic, parse_query(topic.query), named=True)
    if strict or _DASHED_NAME_RE.match(text.strip()):
        raise UnknownTopic(name, sorted(topics))
    query = parse_query(text)
    title = " ".join(text.split())[:80]
    return ResolvedTopic(Topic(name="", title=title, query=text), query, named=False)


def relevant_hits(resolved: ResolvedTopic, hits: list[SearchHit]) -> list[SearchHit]:
    """The store's `hits` for a topic that its rules accept, in the store's order.

    Every topic path (search, digests, `/summary` picks, subscriptions, inline results)
    passes its store hits through here, so a topic means the same thing everywhere.
    """
    rules = resolved.topic.rules
    if rules is None:
        return hits
    return [h for h in hits
            if rules.accepts(h.article.title, h.article.text, h.article.language)]
