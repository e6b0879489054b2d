"""Which alert subscriptions the articles just ingested concern, folded into stories.

The ingest path hands every new public article to the matcher through the inbox (see
`digests.store.alerts`); the matcher never reads the article table beyond that:

1. **Candidates.** Each distinct alert query (a named topic or an ad-hoc query) is searched
   among the new articles only (`Store.search(ids=…)`) and judged by the topic's rules,
   exactly as a digest would (`relevant_hits`).
2. **Alert-worthy.** A candidate may *start* an alert only above a higher bar, so alerts
   stay rarer than digest lines: a named topic's rule score at least
   `ALERT_MIN_RELEVANCE` × its floor; an ad-hoc query's every word in the headline or lead.
   Any candidate may still *join* a story that already alerted (another source's report).
3. **Stories.** The candidates are folded (`fold_stories`, the digests' rules) with the
   query's matches of the last `FOLD_WINDOW`, so a report of yesterday's event joins it;
   a story is named by its first article's id.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from digests.digest import fold_stories
from digests.models import Article
from digests.models.subscriptions import Subscription
from digests.query import And, Node, Or, Phrase, QueryError, Term
from digests.service import NewsService
from digests.topics import ResolvedTopic, UnknownTopic, relevant_hits

FOLD_WINDOW = timedelta(days=2)
POOL = 200
LEAD_CHARS = 600
_WORD_RE = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class StoryMatch:
    """One story touched by new articles, for the alert subscriptions of one query."""

    subscriptions: tuple[Subscription, ...]
    articles: tuple[Article, ...]  # the story's reports known now, oldest id first
    new: tuple[Article, ...]  # those that arrived in this batch
    worthy: bool  # whether a new report clears the alert bar (may start an alert)

    @property
    def root(self) -> int:
        """The story's name: its first article's id."""
        return self.articles[0].id


def lead_matches(article: Article, query: Node) -> bool:
    """Whether the query holds on the headline and lead alone (words as stem-ish prefixes).

    The store's match may rest on one mention deep in a long text; an alert interrupts
    people, so an ad-hoc query must be what the report leads with.
    """
    lead = {w.casefold() for w in _WORD_RE.findall(f"{article.title}\n"
                                                   f"{article.text[:LEAD_CHARS]}")}

    def has(term: str) -> bool:
        stem = term.casefold()[: max(4, len(term) - 2)]
        return any(word.startswith(stem) for word in lead)

    def holds(node: Node) -> bool:
        if isinstance(node, Term):
            return has(node.word)
        if isinstance(node, Phrase):
            return all(has(w) for w in node.words)
        if isinstance(node, And):
            return all(holds(p) for p in node.parts)
        if isinstance(node, Or):
            return any(holds(p) for p in node.parts)
        return True  # a Not excludes; the store already applied it

    return holds(query)


class AlertMatcher:
    """Turns a batch of new article ids into the stories each alert query must hear of."""

    def __init__(self, news: NewsService, min_relevance: float) -> None:
        self.news = news
        self.min_relevance = min_relevance

    def match(self, article_ids: Sequence[int],
              alerts: Sequence[Subscription]) -> list[StoryMatch]:
        """Stories with new reports, per alert query (see the module docstring)."""
        by_query: dict[str, list[Subscription]] = {}
        for sub in alerts:
            by_query.setdefault(sub.topic or sub.query, []).append(sub)
        found: list[StoryMatch] = []
        for text, subs in by_query.items():
            try:
                resolved = self.news.resolve(text)
            except (QueryError, UnknownTopic):  # a topic removed from topics.toml
                continue
            found.extend(self._stories(resolved, tuple(subs), article_ids))
        return found

    def worthy(self, resolved: ResolvedTopic, article: Article) -> bool:
        """Whether ``article`` clears the alert bar for this topic or query."""
        rules = resolved.topic.rules
        if rules is None:
            return lead_matches(article, resolved.query)
        evidence = rules.judge(article.title, article.text, article.language)
        return (evidence is not None and evidence.required_met
                and evidence.score >= evidence.floor * self.min_relevance)

    def _stories(self, resolved: ResolvedTopic, subs: tuple[Subscription, ...],
                 article_ids: Sequence[int]) -> list[StoryMatch]:
        store = self.news.store
        new = [h.article for h in relevant_hits(
            resolved, store.search(resolved.query, ids=article_ids, limit=len(article_ids)))]
        if not new:
            return []
        since = min(a.published_at for a in new) - FOLD_WINDOW
        recent = [h.article for h in relevant_hits(
            resolved, store.search(resolved.query, since=since, limit=POOL))]
        pool = {a.id: a for a in recent}
        pool.update((a.id, a) for a in new)
        originals = [a.duplicate_of for a in new
                     if a.duplicate_of is not None and a.duplicate_of not in pool]
        pool.update((a.id, a) for a in store.get_articles(originals))
        new_ids = {a.id for a in new}
        stories = []
        for group in fold_stories(sorted(pool.values(), key=lambda a: a.id),
                                  self.news.folding):
            arrived = tuple(a for a in group if a.id in new_ids)
            if arrived:
                ordered = tuple(sorted(group, key=lambda a: a.id))
                stories.append(StoryMatch(subs, ordered, arrived,
                                          any(self.worthy(resolved, a) for a in arrived)))
        return stories
