"""Compose a digest: rank matches, fold them into stories, summarize, pick key points.

Everything here is pure: the caller fetches search hits and near-duplicate links from
the store and passes a `summarize` callable, so the same composition serves the CLI,
the bot, inline mode and scheduled deliveries, and tests need no database.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from digests.entities import find_entities, shared_weight
from digests.models import Article, Digest, SearchHit, Story, Summary
from digests.similarity import cosine, jaccard_estimate, mmr_select, tfidf_vectors

Summarize = Callable[[Article], Summary]


@dataclass(frozen=True, slots=True)
class DigestRequest:
    """What to compose: a titled query over a window, with limits."""

    title: str
    query: str
    since: datetime
    until: datetime
    stories: int = 5
    key_points: int = 5
    topic: str | None = None


@dataclass(frozen=True, slots=True)
class FoldingRules:
    """When two articles are the same story.

    `signature_threshold` is the MinHash Jaccard at which texts are near-copies (the
    ingest calibration). Rewrites of one event share vocabulary but not phrasing, so
    they are caught by the TF-IDF cosine of each article's lead (title and first
    `lead_chars` characters: long transcripts otherwise drown what the event is about
    in boilerplate) with two windows: a low `cosine_threshold` within `max_days`
    (same-day coverage of one event), and a stricter `follow_up_threshold` within
    `follow_up_days` (follow-ups, which share more wording to be trusted across days).
    Articles in different languages share no words, so their evidence is the gazetteer
    (`digests.entities`): they fold when published within `entity_days` and their leads
    name shared entities worth at least `entity_weight` (a country counts half), at least
    one of them more specific than a country. `same_language_entity_weight` (None: off)
    is the same test for same-language pairs, stricter because one language's coverage of
    one country's politics shares names across different events (a Kremlin week names
    Putin, Russia and China every day).
    The defaults come from the sweep in docs/evaluation.md ("Story folding"): the
    highest recall on the corpus without merging two labelled events.
    """

    signature_threshold: float = 0.5
    cosine_threshold: float = 0.25
    max_days: float = 1.0
    follow_up_threshold: float = 0.35
    follow_up_days: float = 7.0
    lead_chars: int = 600
    entity_weight: float = 2.5
    entity_days: float = 2.0
    same_language_entity_weight: float | None = 4.0


def rank_hits(
    hits: Sequence[SearchHit], *, now: datetime, half_life: timedelta = timedelta(days=2)
) -> list[SearchHit]:
    """Order hits by relevance (normalized to the best hit) times a recency decay.

    Backends score on different scales (bm25 vs ts_rank_cd), so relevance is divided by
    the best score first. The decay never drops below 0.5: an old but very relevant
    article still beats a fresh passing mention.
    """
    if not hits:
        return []
    best = max(abs(h.score) for h in hits) or 1.0
    seconds = max(half_life.total_seconds(), 1.0)

    def combined(hit: SearchHit) -> float:
        age = max((now - hit.article.published_at).total_seconds(), 0.0)
        recency = 0.5 + 0.5 * math.pow(0.5, age / seconds)
        return (abs(hit.score) / best) * recency

    scored = [SearchHit(h.article, combined(h)) for h in hits]
    return sorted(scored, key=lambda h: (-h.score, -h.article.published_at.timestamp()))


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _same_story(
    a: Article,
    b: Article,
    va: dict[str, float],
    vb: dict[str, float],
    ea: frozenset[str],
    eb: frozenset[str],
    rules: FoldingRules,
) -> bool:
    """Whether one pair is one story: a near-copy at any distance, else close leads in time.

    Close leads are close TF-IDF vectors, or (across languages, where no words are
    shared) enough shared gazetteer entities (`ea`, `eb`) within `rules.entity_days`.
    """
    if a.signature and b.signature and (
        jaccard_estimate(a.signature, b.signature) >= rules.signature_threshold
    ):
        return True
    days = abs(a.published_at - b.published_at).total_seconds() / 86_400
    if days <= rules.entity_days and _shared_entities(a, b, ea, eb, rules):
        return True
    if days > max(rules.max_days, rules.follow_up_days):
        return False
    similarity = cosine(va, vb)
    if days <= rules.max_days and similarity >= rules.cosine_threshold:
        return True
    return days <= rules.follow_up_days and similarity >= rules.follow_up_threshold


def _shared_entities(
    a: Article, b: Article, ea: frozenset[str], eb: frozenset[str], rules: FoldingRules
) -> bool:
    """Whether the leads name enough of the same entities for the pair's language case.

    A pair counts as cross-language only when both languages are known and differ: an
    unknown language gets the stricter same-language test.
    """
    cross = a.language is not None and b.language is not None and a.language != b.language
    needed = rules.entity_weight if cross else rules.same_language_entity_weight
    if needed is None:
        return False
    weight, specific = shared_weight(ea, eb)
    return specific >= 1 and weight >= needed


def fold_stories(
    articles: Sequence[Article], rules: FoldingRules | None = None
) -> list[list[Article]]:
    """Group articles about the same event; each group keeps the input order.

    Articles are linked when the store recorded one as a near-duplicate of the other,
    when their MinHash signatures agree, or when their dates are near and their leads are
    close: similar TF-IDF vectors, or (across languages) the same named entities (see
    `FoldingRules`); groups are the connected components.
    Groups are returned in the order of their first (best) article.
    """
    rules = rules or FoldingRules()
    n = len(articles)
    uf = _UnionFind(n)
    index = {a.id: i for i, a in enumerate(articles)}
    for i, article in enumerate(articles):
        if article.duplicate_of is not None and article.duplicate_of in index:
            uf.union(i, index[article.duplicate_of])
    leads = [f"{a.title}\n{a.text[: rules.lead_chars]}" for a in articles]
    vectors = tfidf_vectors(leads)
    entities = [find_entities(lead) for lead in leads]
    for i in range(n):
        for j in range(i + 1, n):
            if _same_story(
                articles[i], articles[j], vectors[i], vectors[j], entities[i], entities[j],
                rules,
            ):
                uf.union(i, j)
    groups: dict[int, list[Article]] = {}
    for i, article in enumerate(articles):
        groups.setdefault(uf.find(i), []).append(article)
    return list(groups.values())


def pick_key_points(
    stories: Sequence[Story], count: int, *, per_story: int = 2, redundancy: float = 0.5
) -> list[str]:
    """Key points across stories: central sentences, chosen with MMR so none repeats.

    Candidates are each story's summary sentences; centrality is the mean TF-IDF cosine
    to all candidates (LexRank's idea without the power iteration); MMR then trades
    centrality against similarity to what was already picked.
    """
    candidates: list[tuple[int, str]] = [
        (si, sentence)
        for si, story in enumerate(stories)
        for sentence in story.summary.sentences[:3]
    ]
    if not candidates or count <= 0:
        return []
    vectors = tfidf_vectors([s for _, s in candidates])
    centrality = [
        sum(cosine(v, w) for w in vectors) / len(vectors) for v in vectors
    ]
    chosen = mmr_select(
        vectors,
        centrality,
        count=count,
        groups=[si for si, _ in candidates],
        per_group=per_story,
        max_similarity=redundancy,
    )
    return [candidates[i][1] for i in chosen]


def build_digest(
    request: DigestRequest,
    hits: Sequence[SearchHit],
    *,
    summarize: Summarize,
    now: datetime,
    duplicates: Mapping[int, Iterable[Article]] | None = None,
    rules: FoldingRules | None = None,
) -> Digest:
    """Compose the digest for `request` from search hits within its window."""
    ranked = rank_hits(hits, now=now)
    articles = [h.article for h in ranked]
    scores = {h.article.id: h.score for h in ranked}
    seen = {a.id for a in articles}
    for original_id, copies in (duplicates or {}).items():
        if original_id not in seen:
            continue
        for copy in copies:
            if copy.id not in seen:
                seen.add(copy.id)
                articles.append(copy)
    groups = fold_stories(articles, rules)
    stories: list[Story] = []
    for group in groups[: request.stories]:
        lead = max(group, key=lambda a: (scores.get(a.id, 0.0), a.duplicate_of is None))
        others = tuple(a for a in group if a.id != lead.id)
        stories.append(
            Story(lead=lead, summary=summarize(lead), others=others,
                  score=max(scores.get(a.id, 0.0) for a in group))
        )
    return Digest(
        title=request.title,
        query=request.query,
        since=request.since,
        until=request.until,
        generated_at=now,
        stories=tuple(stories),
        key_points=tuple(pick_key_points(stories, request.key_points)),
        total_matches=len(hits),
        topic=request.topic,
    )
