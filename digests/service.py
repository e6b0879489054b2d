"""The application service: the one facade the CLI and the bot call.

It wires the store, the topics, the summarizer and the digest composer, and owns the
policies that sit between them (summary cache, time windows, "the best article for a
query"). Its methods are synchronous and CPU- or disk-bound; the bot runs them off the
event loop with `asyncio.to_thread`.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from digests.digest import DigestRequest, FoldingRules, build_digest, rank_hits
from digests.i18n import N_, Explained
from digests.ids import is_valid_article_id
from digests.language import language_first, parse_choice
from digests.models import AddResult, Article, Digest, SearchHit, Summary, Topic
from digests.quoting import quoted
from digests.settings import Settings
from digests.summarize import Length
from digests.timeparse import since as window_start
from digests.timeparse import utcnow
from digests.topics import ResolvedTopic, relevant_hits, resolve_topic
from digests.undated import is_open_window, news_hits, published_span

if TYPE_CHECKING:
    # Ingest (trafilatura, numpy) and the store (SQLAlchemy) load when first used, as
    # summarizing does (sumy, NLTK, SciPy): every CLI command imports this module.
    from digests.ingest import IngestReport
    from digests.ops.status import StatusReport
    from digests.store.base import Store
    from digests.web.links import LinkResult as LinkResult

Clock = Callable[[], datetime]
DEFAULT_DIGEST_WINDOW = timedelta(hours=24)
#: A window starting before this year means "everything", not a period anyone meant to see.
EARLIEST_SHOWN_YEAR = 1990
SEARCH_POOL = 200
PREFERENCE_POOL = 20
#: Cache-key suffix naming the sentence rules summaries were made with; bumping it makes
#: summaries cached under older rules (junk lines included) be made again.
SUMMARY_RULES = "@standalone9"


HEADLINE_NOTE = "headline only: the feed gave no text and the page could not be read"


def headline_summary(article: Article) -> Summary:
    """A headline-only article's summary: its headline, said to be no more than that.

    Renderers show their own translated line for `Article.headline_only`; the note is
    for the CLI and JSON.
    """
    return Summary(sentences=(article.title,), total_sentences=1, algorithm="headline",
                   language=article.language or "", article_id=article.id, note=HEADLINE_NOTE)


class NotFound(Explained, LookupError):  # noqa: N818 - reads best at raise sites
    """An article, topic or match the user asked for does not exist."""


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """An article together with its summary and related matches."""

    article: Article
    summary: Summary
    related: tuple[Article, ...] = ()


class NewsService:
    """Everything users can ask of newsdigest, independent of the interface."""

    def __init__(
        self, store: Store, settings: Settings, topics: dict[str, Topic],
        clock: Clock = utcnow,
    ) -> None:
        self.store = store
        self.settings = settings
        self.topics = topics
        self.clock = clock
        self.folding = FoldingRules(signature_threshold=settings.near_duplicate_threshold)

    # Ingestion -------------------------------------------------------------
    def ingest(self, paths: Sequence[Path | str],
               progress: Callable[[int, int], None] | None = None,
               stdin: BinaryIO | None = None,
               items: Callable[[int], None] | None = None) -> IngestReport:
        """Ingest files, folders or `-` (read from `stdin`, which the entry point passes).

        `progress` hears (files done, files total) after each file, `items` the number
        of items done so far after each saved batch.
        """
        from digests.ingest import ingest_paths

        return ingest_paths(self.store, paths, self.settings, progress=progress, stdin=stdin,
                            items=items)

    async def ingest_link(self, url: str) -> LinkResult:
        """Fetch, extract and store one link (or find it stored); a refusal as its reason.

        `/summary <link>` and a pasted link: the fetcher lives for this link only.
        """
        from digests.web.fetch import Fetcher
        from digests.web.links import ingest_link

        async with Fetcher(self.settings) as fetcher:
            return await ingest_link(self.store, self.settings, url, fetcher=fetcher)

    async def ingest_links(self, urls: Sequence[str]) -> list[LinkResult]:
        """Fetch, extract and store each link (or find it stored), in order; refusals as reasons.

        One fetcher serves them all, so its per-host politeness spans links to one site.
        """
        from digests.web.links import ingest_links

        return await ingest_links(self.store, self.settings, urls)

    def ingest_text(self, text: str, *, source: str, title: str | None = None,
                    url: str | None = None, owner_chat_id: int | None = None,
                    published_at: datetime | None = None) -> AddResult:
        """Ingest pasted text or a Telegram post; with an owner, private to that chat.

        Without `published_at` (pasted text) the article is undated (`digests.undated`).
        """
        from digests.ingest import ingest_text

        return ingest_text(self.store, text, source=source, title=title, url=url,
                           settings=self.settings, owner_chat_id=owner_chat_id,
                           published_at=published_at)

    def close(self) -> None:
        """Close the database: the end of a CLI command or of the bot's process."""
        self.store.close()

    # Lookup ------------------------------------------------------------------
    def count_articles(self) -> int:
        """How many articles are stored (private ones too): the sandbox seeds an empty one."""
        return self.store.count_articles()

    def list_articles(self, *, limit: int = 20, offset: int = 0) -> list[Article]:
        """Public articles, newest first (`newsdigest articles`)."""
        return self.store.list_articles(limit=limit, offset=offset)

    def status(self) -> StatusReport:
        """The operator's report `/status` and `newsdigest status` show."""
        from digests.ops.status import read_status

        return read_status(self.store)

    def popular_topics(self) -> list[str]:
        """Topic names, most subscribed first (paused subscriptions and queries not counted).

        Ties, and a database nobody subscribed in, keep the bundled order, which puts the
        broadest topics first: inline mode's suggestions for an empty query.
        """
        from digests.store import SqlStore
        from digests.store.popularity import rank_topics, subscription_counts

        store = self.store
        counts = subscription_counts(store.engine) if isinstance(store, SqlStore) else {}
        return rank_topics(self.topics, counts)

    def resolve(self, text: str, *, strict: bool = False) -> ResolvedTopic:
        """A named topic or an ad-hoc query (raises QueryError when unsearchable)."""
        return resolve_topic(text, self.topics, strict=strict)

    def _topic_hits(self, resolved: ResolvedTopic, *, since: datetime | None = None,
                    until: datetime | None = None) -> list[SearchHit]:
        """The one topic -> search path: the store's candidates, judged by the topic's rules."""
        hits = self.store.search(resolved.query, since=since, until=until, limit=SEARCH_POOL)
        return relevant_hits(resolved, hits)

    def article(self, article_id: int, *, viewer_chat_id: int | None = None) -> Article:
        """One article `viewer_chat_id` may see, or NotFound.

        A private article (text a chat sent) exists only for its owner; anyone else, and
        an anonymous viewer (inline mode, the CLI), gets the same NotFound as for an
        unknown id, so ids reveal nothing about what other chats sent.
        """
        article = self.store.get_article(article_id) if is_valid_article_id(article_id) else None
        if article is None or article.owner_chat_id not in (None, viewer_chat_id):
            raise NotFound(N_("no article with id {id}"), id=article_id)
        return article

    def search(self, text: str, *, since: timedelta | None = None, limit: int = 10,
               offset: int = 0, language: str | None = None) -> list[SearchHit]:
        """Ranked matches for a topic name or query, best first.

        With `language` (a chat's, see `digests.language`), matches in it come first and
        the others after, each part in ranking order; "all" or None ranks them together.
        """
        resolved = self.resolve(text)
        start = window_start(self.clock(), since) if since else None
        hits = self._topic_hits(resolved, since=start)
        ranked = language_first(rank_hits(hits, now=self.clock()), parse_choice(language),
                                lambda h: h.article.language)
        return ranked[offset: offset + limit]

    # Summaries ---------------------------------------------------------------
    def summarize_article(self, article: Article, *, algorithm: str | None = None,
                          length: str | None = None) -> Summary:
        """The article's summary, from the cache when it was made before."""
        algorithm = algorithm or self.settings.summary_algorithm
        spec = Length.parse(length or self.settings.summary_length)
        key = f"{spec}{SUMMARY_RULES}"
        if article.headline_only:  # nothing to extract from: the headline is the summary
            return headline_summary(article)
        cached = self.store.get_cached_summary(article.id, algorithm, key)
        if cached is not None:
            return cached
        from digests.summarize import summarize

        summary = summarize(article.text, language=article.language, algorithm=algorithm,
                            length=spec, title=article.title, article_id=article.id)
        self.store.put_cached_summary(summary, key)
        return summary

    def summary_for(self, text: str, *, algorithm: str | None = None,
                    length: str | None = None,
                    language: str | None = None) -> ArticleSummary:
        """Summary of the best article for a topic or query, with a few related ones.

        With `language` (the chat's), the best match in that language wins over any
        better-scored one in another language; another language's article is picked only
        when none in the chat's language matches. Related articles follow the same order.
        """
        hits = self.search(text, limit=PREFERENCE_POOL, language=language)[:4]
        if not hits:
            raise NotFound(N_("no articles match {query}"), query=quoted(text))
        best = hits[0].article
        summary = self.summarize_article(best, algorithm=algorithm, length=length)
        return ArticleSummary(best, summary, tuple(h.article for h in hits[1:]))

    def summary_of_article(self, article_id: int, *, algorithm: str | None = None,
                           length: str | None = None,
                           viewer_chat_id: int | None = None) -> ArticleSummary:
        """Summary of one stored article `viewer_chat_id` may see (see `article`)."""
        article = self.article(article_id, viewer_chat_id=viewer_chat_id)
        return ArticleSummary(article, self.summarize_article(article, algorithm=algorithm,
                                                              length=length))

    # Digests -----------------------------------------------------------------
    def digest(self, text: str, *, since: timedelta | None = None,
               until: datetime | None = None, stories: int | None = None,
               start: datetime | None = None, widen: bool = False,
               algorithm: str | None = None, length: str | None = None,
               language: str | None = None, interface: str | None = None) -> Digest:
        """The digest for a topic or query over `since` (default 24 h) or from `start`.

        With `language` (the chat's), stories covered in it come first with a lead in it,
        and key points come only from them (`digests.language`). The title is the topic's
        in `interface` (the chat's interface language), else in `language`.

        With `widen`, an empty window falls back to the latest matches of any age, and
        the digest says so (`widened`), so asking "what's new" never gets a blank page
        just because the feeds were quiet.
        """
        started = time.perf_counter()
        resolved = self.resolve(text)
        now = self.clock()
        end = until or now
        begin = start or window_start(end, since or DEFAULT_DIGEST_WINDOW)
        # Undated articles are no news of a period, only of an open-ended window
        # (digests.undated): checked before widening, so a day whose only match is
        # undated counts as empty.
        open_window = is_open_window(begin, end)
        hits = news_hits(self._topic_hits(resolved, since=begin, until=end),
                         open_window=open_window)
        widened = False
        if not hits and widen:
            hits = self._topic_hits(resolved, until=end)
            widened = open_window = bool(hits)
        span = published_span([h.article for h in hits])
        if span is not None and (widened or start is None
                                 or begin.year < EARLIEST_SHOWN_YEAR):
            # A window wider than the matches ("--since 100000d", or the bot's "/digest x
            # 100000d", which comes as a start) is shown as the span the matches'
            # publication dates cover, not as a date centuries ago; an ingest time never
            # stretches it, and a named start ("since Monday") is kept as asked.
            begin = span[0] if widened else max(begin, span[0])
            if open_window:
                end = min(end, span[1])
        originals = [h.article.id for h in hits if h.article.duplicate_of is None]
        request = DigestRequest(
            title=resolved.topic.title_in(interface or parse_choice(language)),
            query=resolved.topic.query, since=begin, until=end,
            stories=stories or self.settings.digest_stories,
            key_points=self.settings.digest_key_points,
            topic=resolved.topic.name or None, language=parse_choice(language),
            open_window=open_window,
            max_source_share=self.settings.digest_max_source_share,
        )
        def summarize(article: Article) -> Summary:
            return self.summarize_article(article, algorithm=algorithm, length=length)

        digest = build_digest(
            request, hits, summarize=summarize, now=now,
            duplicates=self.store.duplicates_of(originals), rules=self.folding,
        )
        self.store.metrics.digest_composed(time.perf_counter() - started)
        return dataclasses.replace(digest, widened=True) if widened else digest
