"""Inline mode: `@bot <topic | query>` in any chat, `@bot a_<id>` from Share buttons.

Telegram gives an inline answer a few seconds at most and asks again on every keystroke, so
answers are cached twice: by Telegram (`cache_time`) and here, per (query, offset), so a
repeated query costs a dictionary lookup. Building a page (search, digest, summaries) is CPU
and disk work and runs in a worker thread, never on the event loop.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass

from telegram import InlineQueryResultArticle, Update

from bot.context import Context, get_services
from bot.handlers.settings import prefs_for
from bot.render import ArticleLink, parse_payload
from bot.render.inline import digest_result, summary_result
from bot.ttlcache import TtlCache
from digests.digits import parse_ascii_int
from digests.i18n import Translator, translator
from digests.language import CHAT_LANGUAGES
from digests.query import QueryError
from digests.service import NewsService, NotFound
from digests.topics import UnknownTopic

PAGE_SIZE = 10  # keeps a cold page (a digest and nine summaries) under a second on the seeds
POPULAR_PAGE_SIZE = 5  # digests cost more than summaries
CACHE_SECONDS = 300
BUDGET_SECONDS = 0.5  # stop summarizing after this; the next page picks up where we stopped
MAX_OFFSET = 10_000


@dataclass(frozen=True, slots=True)
class Page:
    """One inline answer: its results and the offset of the next page ("" when last)."""

    results: tuple[InlineQueryResultArticle, ...]
    next_offset: str = ""


def _texts(language: str | None, interface: str | None = None) -> Translator:
    """The frame's translator: the user's interface language, else the results' language.

    A reader who chose "all languages" still reads the frame in their interface language.
    """
    if interface is not None:
        return translator(interface)
    return translator(language if language in CHAT_LANGUAGES else None)


def parse_offset(text: str) -> int:
    """The page offset Telegram echoes back; anything we did not produce means the start."""
    offset = parse_ascii_int(text)
    return offset if offset is not None and offset <= MAX_OFFSET else 0


def _article_page(news: NewsService, article_id: int, bot_username: str | None) -> Page:
    # No viewer: a private text is not found even for its owner, since inline results are
    # posted into other chats and pages are cached for every user.
    try:
        found = news.summary_of_article(article_id)
    except NotFound:
        return Page(())
    return Page((summary_result(found.article, found.summary, bot_username=bot_username),))


def _topic_digest(news: NewsService, query: str, bot_username: str | None,
                  language: str | None,
                  interface: str | None = None) -> InlineQueryResultArticle | None:
    """The latest digest when `query` names a topic, else None."""
    resolved = news.resolve(query)
    if not resolved.named:
        return None
    name = resolved.topic.name
    return digest_result(news.digest(name, widen=True, language=language), name,
                         bot_username=bot_username, t=_texts(language, interface))


@dataclass(frozen=True, slots=True)
class Budget:
    """A deadline for building one page: cold summaries of long articles take a while each."""

    seconds: float = BUDGET_SECONDS
    clock: Callable[[], float] = time.monotonic

    def deadline(self) -> float:
        """The clock reading after which no further slow result is started."""
        return self.clock() + self.seconds


def _query_page(news: NewsService, query: str, offset: int, bot_username: str | None,
                budget: Budget, language: str | None, interface: str | None = None) -> Page:
    """A named topic's digest first (first page only), then summaries ranked for the query.

    At least one summary is always built; further ones only while the budget lasts, and the
    next offset then points at the first hit left out, so nothing is skipped, only deferred.
    """
    deadline = budget.deadline()
    results: list[InlineQueryResultArticle] = []
    try:
        if offset == 0 and (
                digest := _topic_digest(news, query, bot_username, language,
                                        interface)) is not None:
            results.append(digest)
        wanted = PAGE_SIZE - len(results)
        hits = news.search(query, limit=wanted + 1, offset=offset, language=language)
    except (QueryError, UnknownTopic):
        return Page(())
    used = 0
    for hit in hits[:wanted]:
        if used and budget.clock() > deadline:
            break
        summary = news.summarize_article(hit.article)
        results.append(summary_result(hit.article, summary, bot_username=bot_username,
                                      t=_texts(language, interface)))
        used += 1
    more = len(hits) > used
    return Page(tuple(results), str(offset + used) if more else "")


def _popular_page(news: NewsService, offset: int, bot_username: str | None,
                  budget: Budget, language: str | None, interface: str | None = None) -> Page:
    """Latest digests of the most-subscribed topics (bundled order when nobody subscribed)."""
    deadline = budget.deadline()
    names = news.popular_topics()
    results: list[InlineQueryResultArticle] = []
    for name in names[offset: offset + POPULAR_PAGE_SIZE]:
        if results and budget.clock() > deadline:
            break
        digest = news.digest(name, widen=True, language=language)
        results.append(digest_result(digest, name, bot_username=bot_username,
                                     t=_texts(language, interface)))
    end = offset + len(results)
    return Page(tuple(results), str(end) if end < len(names) else "")


def build_page(news: NewsService, query: str, offset: int, bot_username: str | None,
               budget: Budget | None = None, language: str | None = None, *,
               interface: str | None = None) -> Page:
    """Answer one inline query page (blocking: run it in a worker thread).

    `language` is the asking user's (`digests.language`): their language's digests and
    articles first.
    """
    budget = budget or Budget()
    if not query:
        return _popular_page(news, offset, bot_username, budget, language, interface)
    if isinstance(link := parse_payload(query), ArticleLink):  # Share buttons send `a_<id>`
        return _article_page(news, link.article_id, bot_username) if offset == 0 else Page(())
    return _query_page(news, query, offset, bot_username, budget, language, interface)


class InlineAnswers:
    """The inline query handler with its per-process answer cache."""

    def __init__(self, cache_seconds: float = CACHE_SECONDS,
                 clock: Callable[[], float] = time.monotonic,
                 budget: Budget | None = None) -> None:
        self.cache: TtlCache[tuple[str, int, str], Page] = TtlCache(cache_seconds,
                                                                    clock=clock)
        self.budget = budget or Budget(clock=clock)

    async def inline_query(self, update: Update, context: Context) -> None:
        """Answer `@bot <query>` from the cache, or build the page off the event loop."""
        inline = update.inline_query
        if inline is None:
            return
        query = " ".join(inline.query.split())
        prefs = await prefs_for(update, context)
        key = (query.casefold(), parse_offset(inline.offset),
               f"{prefs.language or ''}/{prefs.interface or ''}")
        page = self.cache.get(key)
        if page is None:
            services = get_services(context)
            page = await asyncio.to_thread(build_page, services.news, query, key[1],
                                           services.bot_username or None, self.budget,
                                           prefs.language, interface=prefs.interface)
            self.cache.put(key, page)
        # Personal: Telegram must not hand one user's language-first answer to another.
        await inline.answer(list(page.results), cache_time=int(CACHE_SECONDS),
                            next_offset=page.next_offset, is_personal=True)
