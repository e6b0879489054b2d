"""Compose a digest: rank matches, fold them into stories, summarize, pick key points.

Everything here is pure: the caller fetches search hits and near-duplicate links from
the store and passes a `summarize` callable, so the same composition serves the CLI,
the bot, inline mode and scheduled deliveries, and tests need no database.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from itertools import combinations

from digests.balance import balance
from digests.entities import find_entities, shared_specific, specific_entities
from digests.fold_candidates import candidate_pairs
from digests.language import choose_lead, covered, in_language, language_first
from digests.lines import place_lines
from digests.models import Article, Digest, MoreFrom, SearchHit, Story, Summary
from digests.names import name_keys
from digests.similarity import (
    Vector,
    cosine,
    idf_vectors,
    jaccard_estimate,
    mmr_select,
    tfidf_from_counts,
    tfidf_vectors,
    words,
)
from digests.summarize.standalone import key_point_kind
from digests.undated import dated_first, has_date, news_articles, news_hits

Summarize = Callable[[Article], Summary]


@dataclass(frozen=True, slots=True)
class DigestRequest:
    """What to compose: a titled query over a window, with limits.

    `open_window` says the window is open-ended (all time, or widened to matches of any
    age): only then may articles without a publication date appear (`digests.undated`).
    `max_source_share` caps the stories led by one source while others match
    (`digests.balance`); 1 is no cap.
    """

    title: str
    query: str
    since: datetime
    until: datetime
    stories: int = 5
    key_points: int = 5
    topic: str | None = None
    language: str | None = None
    open_window: bool = False
    max_source_share: float = 1.0


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

    Articles in different languages share no words; what they share is what they name.
    Each lead's gazetteer entities (`digests.entities`) become a vector weighted by how
    rare each entity is among the articles being folded (in a Russia-China digest,
    Russia and China weigh next to nothing, a balloon or Nord Stream a lot). Pairs in
    different languages fold within `concept_days` when those vectors' cosine reaches
    `concept_threshold`, or when they share `shared_names` transliterated proper names
    the gazetteer does not list (`digests.names`). Same-language pairs within
    `same_day_days` fold on the entity cosine `same_day_concept_threshold` (None: off)
    only when their wording agrees at least `same_day_word_threshold`: two weak signals
    together, because one language's coverage of one country names the same leaders
    every day. Every entity rule needs a shared entity besides countries.
    The defaults come from the sweep in docs/evaluation.md ("Story folding"): the
    highest recall on the corpus without merging two labelled events.
    """

    signature_threshold: float = 0.5
    cosine_threshold: float = 0.25
    max_days: float = 1.0
    follow_up_threshold: float = 0.35
    follow_up_days: float = 7.0
    lead_chars: int = 600
    concept_threshold: float = 0.45
    concept_days: float = 5.0
    shared_names: int | None = 2
    same_day_concept_threshold: float | None = 0.55
    same_day_word_threshold: float = 0.15
    same_day_days: float = 1.0


# Below this many articles testing every pair is cheaper than building the candidates.
_PRUNE_FROM = 40


@dataclass(frozen=True, slots=True)
class _Evidence:
    """What one article's lead offers for comparison, computed once per fold."""

    words: Vector
    concepts: Vector
    entities: frozenset[str]
    names: frozenset[str]


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
        # An undated article's time is only when we ingested it: no recency bonus.
        recency = 0.5 + 0.5 * math.pow(0.5, age / seconds) if hit.article.dated else 0.5
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
    a: Article, b: Article, ea: _Evidence, eb: _Evidence, rules: FoldingRules
) -> bool:
    """Whether one pair is one story: a near-copy at any distance, else close leads in time."""
    if a.signature and b.signature and (
        jaccard_estimate(a.signature, b.signature) >= rules.signature_threshold
    ):
        return True
    days = abs(a.published_at - b.published_at).total_seconds() / 86_400
    if _same_things_named(a, b, ea, eb, days, rules):
        return True
    if days > max(rules.max_days, rules.follow_up_days):
        return False
    similarity = cosine(ea.words, eb.words)
    if days <= rules.max_days and similarity >= rules.cosine_threshold:
        return True
    return days <= rules.follow_up_days and similarity >= rules.follow_up_threshold


def _same_things_named(
    a: Article, b: Article, ea: _Evidence, eb: _Evidence, days: float, rules: FoldingRules
) -> bool:
    """The entity and name rules of `FoldingRules`, for the pair's language case.

    A pair counts as cross-language only when both languages are known and differ: an
    unknown language gets the stricter same-language test.
    """
    cross = a.language is not None and b.language is not None and a.language != b.language
    if cross and days <= rules.concept_days and rules.shared_names is not None and (
        len(ea.names & eb.names) >= rules.shared_names
    ):
        return True
    if shared_specific(ea.entities, eb.entities) < 1:
        return False
    concepts = cosine(ea.concepts, eb.concepts)
    if cross:
        return days <= rules.concept_days and concepts >= rules.concept_threshold
    needed = rules.same_day_concept_threshold
    return (
        needed is not None
        and days <= rules.same_day_days
        and concepts >= needed
        and cosine(ea.words, eb.words) >= rules.same_day_word_threshold
    )


def fold_stories(
    articles: Sequence[Article], rules: FoldingRules | None = None, *, exhaustive: bool = False
) -> list[list[Article]]:
    """Group articles about the same event; each group keeps the input order.

    Articles are linked when the store recorded one as a near-duplicate of the other,
    when their MinHash signatures agree, or when their dates are near and their leads are
    close: similar TF-IDF vectors, or the same rare entities and names (see
    `FoldingRules`); groups are the connected components.
    Groups are returned in the order of their first (best) article.

    From `_PRUNE_FROM` articles on, only the pairs `digests.fold_candidates` finds are
    compared, which gives the same groups as comparing every pair at a fraction of the
    cost; `exhaustive` compares every pair as the code before did (the reference the
    tests and `benchmarks/bench_fold.py` hold the pruning against).
    """
    rules = rules or FoldingRules()
    n = len(articles)
    uf = _UnionFind(n)
    index = {a.id: i for i, a in enumerate(articles)}
    for i, article in enumerate(articles):
        if article.duplicate_of is not None and article.duplicate_of in index:
            uf.union(i, index[article.duplicate_of])
    evidence = _evidence(articles, rules)
    pairs = None if exhaustive or n < _PRUNE_FROM else candidate_pairs(
        rules, signatures=[a.signature for a in articles],
        languages=[a.language for a in articles], words=[e.words for e in evidence],
        concepts=[e.concepts for e in evidence], names=[e.names for e in evidence],
        specific=[specific_entities(e.entities) for e in evidence])
    for i, j in combinations(range(n), 2) if pairs is None else pairs:
        # A pair already in one group cannot change the groups (nor their order).
        if (exhaustive or uf.find(i) != uf.find(j)) and _same_story(
            articles[i], articles[j], evidence[i], evidence[j], rules
        ):
            uf.union(i, j)
    groups: dict[int, list[Article]] = {}
    for i, article in enumerate(articles):
        groups.setdefault(uf.find(i), []).append(article)
    return list(groups.values())


def _evidence(articles: Sequence[Article], rules: FoldingRules) -> list[_Evidence]:
    """Each article's lead as word vector, entity vector, entity ids and name keys.

    Names come from the lead's text without the title: English headlines capitalise
    every word, which would make each of them a "name".
    """
    facts = [_lead_facts(a.title, a.text[: rules.lead_chars]) for a in articles]
    return [
        _Evidence(words=w, concepts=c, entities=e, names=names)
        for (_, e, names), w, c in zip(
            facts,
            tfidf_from_counts([counts for counts, _, _ in facts]),
            idf_vectors([e for _, e, _ in facts]),
            strict=True,
        )
    ]


@lru_cache(maxsize=1024)
def _lead_facts(
    title: str, head: str
) -> tuple[Mapping[str, int], frozenset[str], frozenset[str]]:
    """One lead's word counts, gazetteer entities and name keys, kept between folds.

    They depend on the lead alone (the weights depend on the articles folded together,
    so they are not kept), and finding them was most of a warm digest's folding time:
    the same hits come back in every digest of a topic. 1,024 leads of about 600
    characters keep a few megabytes.
    """
    lead = f"{title}\n{head}"
    return Counter(words(lead)), find_entities(lead), name_keys(head)


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
        if key_point_kind(sentence, story.summary.language) is None  # it stands alone
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
    """Compose the digest for `request` from search hits within its window.

    Undated articles count only in an open-ended window, and then after every dated
    story, with no key points (`digests.undated`).
    """
    hits = news_hits(hits, open_window=request.open_window)
    ranked = rank_hits(hits, now=now)
    articles = [h.article for h in ranked]
    scores = {h.article.id: h.score for h in ranked}
    seen = {a.id for a in articles}
    for original_id, copies in (duplicates or {}).items():
        if original_id not in seen:
            continue
        for copy in news_articles(list(copies), open_window=request.open_window):
            if copy.id not in seen:
                seen.add(copy.id)
                articles.append(copy)
    # The chat's language first: stories it covers, then the others (see digests.language);
    # stories known only by their ingest time after all of them (see digests.undated).
    groups = dated_first(language_first(
        fold_stories(articles, rules), request.language,
        lambda g: request.language if covered(g, request.language) else None))
    led = [(group, choose_lead(group, lambda a: scores.get(a.id, 0.0), request.language))
           for group in groups]
    # No source fills the digest while others match (see digests.balance).
    balanced = balance(led, request.stories, request.max_source_share, lambda p: p[1].source,
                       lambda p: (covered(p[0], request.language), has_date(p[0])))
    stories: list[Story] = []
    for group, lead in balanced.chosen:
        others = tuple(a for a in group if a.id != lead.id)
        stories.append(
            Story(lead=lead, summary=summarize(lead), others=others,
                  score=max(scores.get(a.id, 0.0) for a in group))
        )
    points = pick_key_points(  # a headline-only story has no text to take points from
        [s for s in stories if in_language(s.lead.language, request.language)
         and not s.lead.headline_only and has_date(s.articles)],
        request.key_points)
    placed = place_lines(stories, points)
    return Digest(
        title=request.title,
        query=request.query,
        since=request.since,
        until=request.until,
        generated_at=now,
        stories=placed.stories,
        key_points=placed.key_points,
        total_matches=len(hits),
        topic=request.topic,
        language=request.language,
        key_point_stories=placed.key_point_stories,
        more_from=tuple(MoreFrom(source, n) for source, n in balanced.more),
    )
