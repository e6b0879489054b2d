"""Re-score an `newsdigest eval --dump` file with an independent ROUGE-1/2 implementation.

Issue 7 asks that the figures `newsdigest eval` prints agree with an independent scorer on
the dumped summaries. This script re-implements ROUGE-N F1 from its definition
(Lin 2004) with the same text normalisation as ROUGE-1.5.5's `-m` (lower-case, non
alphanumerics to spaces, Porter stemming of tokens longer than 3 characters), using
NLTK's Porter stemmer rather than rouge-score's code path, and prints our figure next to
the eval JSON's so the difference can be read off.

    newsdigest eval --dataset bbc.jsonl --split test --dump dump.jsonl --json > eval.json
    python benchmarks/rescore_dump.py --dataset bbc.jsonl --dump dump.jsonl --eval eval.json
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from nltk.stem.porter import PorterStemmer

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def tokens(text: str, stemmer: PorterStemmer) -> list[str]:
    words = _NON_ALNUM.sub(" ", text.lower()).split()
    return [stemmer.stem(w) if len(w) > 3 else w for w in words]


def rouge_n_f1(candidate: list[str], reference: list[str], n: int) -> float:
    cand = Counter(tuple(candidate[i:i + n]) for i in range(len(candidate) - n + 1))
    ref = Counter(tuple(reference[i:i + n]) for i in range(len(reference) - n + 1))
    overlap = sum((cand & ref).values())
    if not cand or not ref or not overlap:
        return 0.0
    precision, recall = overlap / sum(cand.values()), overlap / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, required=True)
    parser.add_argument("--dump", type=Path, required=True)
    parser.add_argument("--eval", type=Path, help="the --json output of the same eval run")
    args = parser.parse_args()
    stemmer = PorterStemmer()
    references = {}
    for line in args.dataset.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        references[record["id"]] = tokens(record["summary"], stemmer)
    scores: dict[str, dict[int, list[float]]] = defaultdict(lambda: {1: [], 2: []})
    for line in args.dump.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        candidate = tokens(" ".join(row["summary"]), stemmer)
        for n in (1, 2):
            scores[row["algorithm"]][n].append(rouge_n_f1(candidate, references[row["id"]], n))
    ours: dict[str, dict[str, float]] = {}
    if args.eval:
        report = json.loads(args.eval.read_text(encoding="utf-8"))
        for result in report.get("results", report.get("algorithms", [])):
            name = result.get("algorithm") or result.get("name")
            ours[name] = {k: v for k, v in result.items() if isinstance(v, (int, float))}
    print("| algorithm | n | R-1 (independent) | R-2 (independent) | eval's figures |")
    print("|---|---|---|---|---|")
    for name, by_n in sorted(scores.items()):
        r1 = 100 * sum(by_n[1]) / len(by_n[1])
        r2 = 100 * sum(by_n[2]) / len(by_n[2])
        theirs = ", ".join(f"{k}={100 * v:.2f}" for k, v in ours.get(name, {}).items()
                           if k in {"rouge1", "rouge2"})
        print(f"| {name} | {len(by_n[1])} | {r1:.2f} | {r2:.2f} | {theirs} |")


if __name__ == "__main__":
    main()
