"""Ingest throughput on 10,000 synthetic articles, and the near-duplicate calibration.

    .venv/bin/python benchmarks/bench_ingest.py [--articles 10000] [--seed 7]
    .venv/bin/python benchmarks/bench_ingest.py --calibrate

Articles are synthesized reproducibly from the corpus texts: each one is a shuffled mix
of sentences drawn from a few corpus articles (fixed seed), so the run exercises the
same shingling, hashing and LSH lookups real news does. A tenth are verbatim repeats and
a tenth are light rewrites (a few sentences swapped) of earlier ones, so all three
paths (add, duplicate, near-duplicate) are timed. The store is a fresh temporary SQLite
file.

`--calibrate` prints the Jaccard estimates of the corpus's known near-duplicate pairs
(shared/corpus/SOURCE.md) against all other pairs, with precision and recall per
threshold, on both the MinHash estimate and the exact shingle Jaccard.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from digests.ingest import ingest_drafts
from digests.ingest.boilerplate import strip_boilerplate
from digests.ingest.normalize import normalize_text, words
from digests.ingest.records import draft_from_record
from digests.ingest.signature import (
    MIN_SHINGLES,
    estimate_jaccard,
    minhash_signature,
    shingles,
)
from digests.models import AddOutcome, ArticleDraft
from digests.settings import Settings
from digests.store import open_store

CORPUS = Path(__file__).resolve().parent.parent / "seeds" / "corpus.jsonl"
KNOWN_PAIRS = [
    ("kremlin-ru-76838", "kremlin-ru-76870"),
    ("kremlin-en-67700", "kremlin-en-67710"),
    ("kremlin-en-67700", "kremlin-en-67712"),
    ("kremlin-en-67710", "kremlin-en-67712"),
]
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def load_corpus(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def synthesize(records: list[dict[str, object]], count: int, seed: int) -> list[ArticleDraft]:
    rng = random.Random(seed)
    pool = [s for r in records for s in _SENTENCE.split(str(r["text"])) if len(s) > 40]
    drafts: list[ArticleDraft] = []
    for index in range(count):
        roll = rng.random()
        if drafts and roll < 0.1:
            drafts.append(replace(rng.choice(drafts), external_id=f"synth-{index}"))
            continue
        if drafts and roll < 0.2:
            base = rng.choice(drafts)
            sentences = _SENTENCE.split(base.text)
            for _ in range(max(1, len(sentences) // 8)):
                sentences[rng.randrange(len(sentences))] = rng.choice(pool)
            drafts.append(replace(base, text=" ".join(sentences), external_id=f"synth-{index}"))
            continue
        sentences = rng.sample(pool, rng.randint(8, 30))
        paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
        drafts.append(ArticleDraft(title=f"Synthetic article {index}",
                                   text="\n\n".join(paragraphs), source="bench",
                                   external_id=f"synth-{index}", language="en"))
    return drafts


def bench(count: int, seed: int) -> None:
    drafts = synthesize(load_corpus(CORPUS), count, seed)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{folder}/bench.sqlite3")
        settings = Settings(_env_file=None, data_dir=Path(folder))  # type: ignore[call-arg]
        load_before = os.getloadavg()[0]
        start, cpu_start = time.perf_counter(), time.process_time()
        results = ingest_drafts(store, drafts, settings)
        seconds = time.perf_counter() - start
        cpu = time.process_time() - cpu_start
        store.close()
    # On a shared machine wall time depends on the load; CPU time much less so.
    print(f"load average (1 min): {load_before:.1f} before, {os.getloadavg()[0]:.1f} after")
    counts = Counter(result.outcome for result in results)
    print("| articles | seconds | articles/s | CPU s | articles/CPU s | added | duplicate "
          "| near-duplicate | rejected |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {count} | {seconds:.1f} | {count / seconds:.0f} | {cpu:.1f} | {count / cpu:.0f} | "
          f"{counts[AddOutcome.ADDED]} | "
          f"{counts[AddOutcome.DUPLICATE]} | {counts[AddOutcome.NEAR_DUPLICATE]} | "
          f"{counts[AddOutcome.REJECTED]} |")


def calibrate(path: Path) -> None:
    records = load_corpus(path)
    shingle_sets, signatures, events = {}, {}, {}
    for record in records:
        draft = draft_from_record(record, default_source="corpus", origin="corpus")
        key = str(draft.external_id)
        shingle_sets[key] = shingles(words(strip_boilerplate(normalize_text(draft.text)).text))
        signatures[key] = minhash_signature(shingle_sets[key])
        events[key] = record.get("event")
    centos = tuple(k for k, e in events.items() if e == "centos-stream-shift-2020")
    positives = {frozenset(pair) for pair in [*KNOWN_PAIRS, centos]}
    scored = []
    for first, second in itertools.combinations(shingle_sets, 2):
        a, b = shingle_sets[first], shingle_sets[second]
        exact = len(a & b) / len(a | b) if a | b else 0.0
        sig_a, sig_b = signatures[first], signatures[second]
        estimate = estimate_jaccard(sig_a, sig_b) if sig_a and sig_b else 0.0
        same_event = events[first] is not None and events[first] == events[second]
        scored.append((estimate, exact, frozenset((first, second)) in positives, same_event,
                       first, second))
    print(f"{len(records)} records, {len(scored)} pairs, {len(positives)} known pairs; "
          f"{sum(s is None for s in signatures.values())} texts under {MIN_SHINGLES} "
          "shingles get no signature")
    print("known pairs (estimate, exact):")
    for estimate, exact, positive, _, first, second in sorted(scored, reverse=True):
        if positive:
            print(f"  {first} / {second}: {estimate:.3f} {exact:.3f}")
    print("top other pairs:")
    for estimate, exact, _, same_event, first, second in [s for s in sorted(scored, reverse=True)
                                                          if not s[2]][:3]:
        print(f"  {first} / {second}: {estimate:.3f} {exact:.3f} same event: {same_event}")
    print("| threshold | TP | FP | precision | recall | FP of another event |")
    print("|---:|---:|---:|---:|---:|---:|")
    for threshold in (0.3, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8):
        hits = [s for s in scored if s[0] >= threshold]
        tp = sum(1 for s in hits if s[2])
        fp_other = sum(1 for s in hits if not s[2] and not s[3])
        precision = tp / len(hits) if hits else 1.0
        print(f"| {threshold} | {tp} | {len(hits) - tp} | {precision:.2f} | "
              f"{tp / len(positives):.2f} | {fp_other} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    if args.calibrate:
        calibrate(args.corpus)
    else:
        bench(args.articles, args.seed)


if __name__ == "__main__":
    main()
