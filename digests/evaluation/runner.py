"""Run an evaluation: split, rank, select under a budget, score, aggregate.

Articles are processed in chunks by a process pool (sumy is pure Python, so threads would
not help); each worker splits an article once and runs every requested algorithm on it, so
all algorithms rank the same sentences. The parent only aggregates: means, bootstrap
intervals, time per article, and the optional per-article dump.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from digests.evaluation.bootstrap import bootstrap_interval
from digests.evaluation.budget import Budget, parse_budget, select
from digests.evaluation.dataset import EvalArticle, load_dataset
from digests.evaluation.documents import PreparedArticle, prepare
from digests.evaluation.oracle import greedy_oracle
from digests.evaluation.rankers import Ranker, build_ranker
from digests.evaluation.scoring import RougeScorer, RougeScores

ORACLE = "oracle"
CHUNK_SIZE = 16

Progress = Callable[[int, int], None]
"""Called with (articles done, articles total) as chunks finish."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """One algorithm on one article: its summary, scores and ranking time."""

    article_id: str
    algorithm: str
    summary: tuple[str, ...]
    scores: RougeScores
    milliseconds: float


@dataclass(frozen=True, slots=True)
class AlgorithmResult:
    """Aggregate figures of one algorithm; ROUGE as F1 fractions in [0, 1]."""

    algorithm: str
    n: int
    rouge1: float
    rouge2: float
    rouge_lsum: float
    intervals: dict[str, tuple[float, float]]
    ms_per_article: float


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Everything `newsdigest eval` prints: the setup and one result per algorithm."""

    dataset: str
    split: str
    budget: str
    articles: int
    seconds: float
    results: tuple[AlgorithmResult, ...]


def run_evaluation(
    dataset: Path,
    split: str,
    algorithms: Sequence[str],
    budget: str | int = "ref-sentences",
    *,
    workers: int = 2,
    progress: Progress | None = None,
    dump: Path | None = None,
    limit: int | None = None,
) -> EvalReport:
    """Evaluate `algorithms` (registry names, `lead`, `oracle`) on one split of `dataset`.

    Args:
        dataset: a JSON Lines file in the BBC evaluation format (see `dataset`).
        split: `dev`, `test` or `all`.
        algorithms: names to evaluate, in the order the report lists them.
        budget: `ref-sentences`, `ref-words` or a sentence count (see `budget`).
        workers: worker processes; 1 runs in this process (easier to debug and profile).
        progress: optional callback for a progress bar.
        dump: if given, one JSON line per article and algorithm is written there.
        limit: evaluate only the first `limit` articles of the split (quick checks).

    Raises:
        DatasetError: the dataset cannot be read.
        ValueError: a bad budget or an unknown algorithm name.
    """
    started = time.perf_counter()
    rule = parse_budget(budget)
    names = list(dict.fromkeys(algorithms))
    for name in names:
        if name != ORACLE:
            build_ranker(name)  # fail fast on unknown names, before forking workers
    articles = load_dataset(dataset, split)[:limit]
    outcomes = list(_evaluate_all(articles, names, rule, workers, progress))
    if dump is not None:
        write_dump(dump, outcomes)
    return EvalReport(
        dataset=str(dataset),
        split=split,
        budget=str(rule),
        articles=len(articles),
        seconds=time.perf_counter() - started,
        results=tuple(
            aggregate(name, [o for o in outcomes if o.algorithm == name]) for name in names
        ),
    )


def _evaluate_all(
    articles: Sequence[EvalArticle],
    names: list[str],
    rule: Budget,
    workers: int,
    progress: Progress | None,
) -> Iterator[Outcome]:
    chunks = [list(articles[i : i + CHUNK_SIZE]) for i in range(0, len(articles), CHUNK_SIZE)]
    done = 0
    if workers <= 1:
        for chunk in chunks:
            yield from evaluate_chunk(chunk, names, rule)
            done += len(chunk)
            if progress:
                progress(done, len(articles))
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures: list[Future[list[Outcome]]] = [
            pool.submit(evaluate_chunk, chunk, names, rule) for chunk in chunks
        ]
        for chunk, future in zip(chunks, futures, strict=True):  # submission order: stable output
            yield from future.result()
            done += len(chunk)
            if progress:
                progress(done, len(articles))


def evaluate_chunk(
    articles: Sequence[EvalArticle], names: Sequence[str], rule: Budget
) -> list[Outcome]:
    """Evaluate every algorithm on a chunk of articles (runs inside a worker process)."""
    scorer = RougeScorer()
    rankers = {name: _ranker(name, scorer) for name in names}
    outcomes: list[Outcome] = []
    for article in articles:
        prepared = prepare(article)
        for name, ranker in rankers.items():
            begin = time.perf_counter()
            ranking = ranker(prepared)
            elapsed = (time.perf_counter() - begin) * 1000.0
            chosen = select(ranking, prepared.sentences, prepared.reference, rule)
            summary = tuple(prepared.sentences[i] for i in chosen)
            scores = scorer.score(summary, prepared.reference)
            outcomes.append(Outcome(article.id, name, summary, scores, elapsed))
    return outcomes


def _ranker(name: str, scorer: RougeScorer) -> Ranker:
    if name != ORACLE:
        return build_ranker(name)

    def oracle(prepared: PreparedArticle) -> list[int]:
        return greedy_oracle(prepared.sentences, prepared.reference, scorer.tokenize)

    return oracle


def aggregate(name: str, outcomes: Sequence[Outcome]) -> AlgorithmResult:
    """Means, 95% bootstrap intervals and mean time of one algorithm's outcomes."""
    columns = list(zip(*(o.scores.as_tuple() for o in outcomes), strict=True)) or [(), (), ()]
    means = [sum(c) / len(c) if c else float("nan") for c in columns]
    intervals = {
        m: bootstrap_interval(c)
        for m, c in zip(("rouge1", "rouge2", "rougeLsum"), columns, strict=True)
    }
    times = [o.milliseconds for o in outcomes]
    return AlgorithmResult(
        algorithm=name,
        n=len(outcomes),
        rouge1=means[0],
        rouge2=means[1],
        rouge_lsum=means[2],
        intervals=intervals,
        ms_per_article=sum(times) / len(times) if times else float("nan"),
    )


def write_dump(path: Path, outcomes: Sequence[Outcome]) -> None:
    """Write one JSON line per article and algorithm: `{"id", "algorithm", "summary"}`."""
    with path.open("w", encoding="utf-8") as handle:
        for o in outcomes:
            record = {"id": o.article_id, "algorithm": o.algorithm, "summary": list(o.summary)}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
