"""The values that travel between stages: frozen, typed, free of any framework.

Ingestion produces `ArticleDraft`s, the store returns `Article`s, summarization
returns `Summary`s and digest composition returns a `Digest`. Rendering (Telegram HTML,
terminal, JSON) happens elsewhere and only reads these.

This package is the bottom layer (see the import contract in pyproject.toml): the store and
every layer above it import it, it imports none of them. The article values are here;
`digests.models.subscriptions` holds the chats, subscriptions and ledger rows.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from digests.topic_rules import TopicRules

#: `extra[BODY]` of an article whose source gave no full text and whose page could not be
#: read: HEADLINE_ONLY (the headline is all there is, stored as its text too) or
#: TEASER_ONLY (only the feed's teaser). Thin texts are told apart by their title and
#: link as well as their words (`digests.ingest.prepare`), and shown for what they are.
BODY = "body"
HEADLINE_ONLY = "headline"
TEASER_ONLY = "teaser"


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """An article as ingestion found it, before the store has given it an id.

    `owner_chat_id` marks text a Telegram chat sent us (pasted, replied to, forwarded from
    a person): it stays private to that chat. None is public news (files, feeds, links,
    public channel posts), which every reader may search and see.
    """

    title: str
    text: str
    source: str
    url: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    published_at: datetime | None = None
    author: str | None = None
    license: str | None = None
    attribution: str | None = None
    external_id: str | None = None
    origin: str = "text"
    extra: Mapping[str, str] = field(default_factory=dict)
    owner_chat_id: int | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A stored article. `duplicate_of` links a near-duplicate to its original.

    `owner_chat_id` is set on private articles (see `ArticleDraft`); only that chat may
    open them, and search, listings and digests never return them.
    """

    id: int
    title: str
    text: str
    source: str
    url: str | None
    canonical_url: str | None
    language: str | None
    published_at: datetime
    ingested_at: datetime
    content_hash: str
    author: str | None = None
    license: str | None = None
    attribution: str | None = None
    external_id: str | None = None
    origin: str = "text"
    duplicate_of: int | None = None
    signature: tuple[int, ...] | None = None
    owner_chat_id: int | None = None
    #: What the source says it is, from ingest metadata: e.g. "official state
    #: communication of a party to a war (not independent journalism)"; shown as a label.
    source_kind: str | None = None
    #: False when the source gave no publication date: `published_at` is then only the
    #: ingest time, shown as "date unknown · added <date>", never as that day's news.
    dated: bool = True
    #: True when the headline is all the source gave (`BODY`): summarised as itself.
    headline_only: bool = False


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """A stored public original as the near-duplicate check sees it: id and MinHash only.

    Ingest compares each new article with every original sharing an LSH band (about ten
    at 100,000 articles); loading those as full `Article`s (text, labels) was a third of
    SQLite's ingest CPU at that size, and PostgreSQL detoasted and sent every text.
    """

    id: int
    signature: tuple[int, ...] | None


class AddOutcome(enum.StrEnum):
    """What happened to one ingested item."""

    ADDED = "added"
    DUPLICATE = "duplicate"
    NEAR_DUPLICATE = "near-duplicate"
    UPDATED = "updated"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class AddResult:
    """The outcome of ingesting one item, with the reason where it was rejected."""

    outcome: AddOutcome
    article_id: int | None = None
    original_id: int | None = None
    reason: str | None = None
    label: str = ""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked search result; a higher score is a better match."""

    article: Article
    score: float


@dataclass(frozen=True, slots=True)
class Summary:
    """An extractive summary: sentences of the article, in document order."""

    sentences: tuple[str, ...]
    total_sentences: int
    algorithm: str
    language: str
    article_id: int | None = None
    note: str | None = None

    @property
    def kept(self) -> str:
        """Say how much was kept, e.g. "4 of 31 sentences"."""
        return f"{len(self.sentences)} of {self.total_sentences} sentences"


@dataclass(frozen=True, slots=True)
class Topic:
    """A named topic: a title, a query in the project's query language, optional rules.

    The query finds candidates in the store; `rules` (per language) then decide which of
    them are really about the topic. Ad-hoc queries have no rules: what the user typed is
    what they asked for.
    """

    name: str
    title: str
    query: str
    description: str = ""
    rules: TopicRules | None = None
    #: The title and description in other languages (`[topics.<name>.ru]` in topics.toml).
    titles: Mapping[str, str] = field(default_factory=dict)
    descriptions: Mapping[str, str] = field(default_factory=dict)

    def title_in(self, language: str | None) -> str:
        """The title in `language` when the topic file gives one, else the English one."""
        return self.titles.get(language or "", self.title)

    def description_in(self, language: str | None) -> str:
        """The description in `language` when the topic file gives one, else English."""
        return self.descriptions.get(language or "", self.description)


@dataclass(frozen=True, slots=True)
class Story:
    """One event in a digest: its lead article, the others reporting it, a summary."""

    lead: Article
    summary: Summary
    others: tuple[Article, ...] = ()
    score: float = 0.0

    @property
    def articles(self) -> tuple[Article, ...]:
        """Every article of the story, lead first."""
        return (self.lead, *self.others)

    @property
    def sources(self) -> tuple[str, ...]:
        """Distinct sources reporting the story, lead's first."""
        seen: dict[str, None] = {}
        for article in self.articles:
            seen.setdefault(article.source, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class MoreFrom:
    """Stories of one source left out by the source balance: "+3 more from <source>"."""

    source: str
    stories: int


@dataclass(frozen=True, slots=True)
class Digest:
    """A digest for a topic or query over a time window."""

    title: str
    query: str
    since: datetime
    until: datetime
    generated_at: datetime
    stories: tuple[Story, ...]
    key_points: tuple[str, ...] = ()
    total_matches: int = 0
    topic: str | None = None
    widened: bool = False
    language: str | None = None
    #: The story number (1-based) each key point comes from, parallel to `key_points`;
    #: that story's summary no longer repeats the point (`digests.lines`).
    key_point_stories: tuple[int, ...] = ()
    #: Sources that reached their share of the stories (`digests.balance`), with how many
    #: of their matching stories were not shown.
    more_from: tuple[MoreFrom, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when nothing matched in the window."""
        return not self.stories
