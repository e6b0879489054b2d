"""Near-duplicate fingerprints: MinHash over word 3-gram shingles, with LSH bands.

The bands are plain strings ("b{i}:{hex}") that the store keeps in its article_bands
table, so the index lives in the database and survives restarts; the store returns the
articles sharing any band and we confirm each candidate with the estimated Jaccard
similarity of the two signatures.

Calibration on the bundled corpus (`benchmarks/bench_ingest.py --calibrate`: 300
records, 44,850 pairs; positives are the 5 near-duplicate pairs SOURCE.md lists):

    threshold   0.3   0.4   0.45  0.5   0.6   0.7   0.8
    precision   0.67  1.00  1.00  1.00  1.00  -     -
    recall      0.40  0.40  0.40  0.20  0.20  0.00  0.00

The two textual near-duplicates score 0.656 (kremlin-en-67700/67710) and 0.469
(kremlin-ru-76838/76870, exact Jaccard 0.528); the best other pair scores 0.359 (two
Groom by-election interviews sharing an intro, same event). The other three listed pairs
are same-event reports, not rewrites (0.016-0.086): no shingle threshold catches them
without merging unrelated articles, so they are left to story folding. The chosen
threshold is therefore 0.4, midway between 0.359 and 0.469 (settings default).
With 42 bands of 3 rows, a pair at Jaccard 0.4 shares a band with probability 0.94, at
0.5 with 0.996, at 0.1 with 0.04, which keeps the lookup cheap and recall high.

Texts with fewer than `MIN_SHINGLES` shingles (one-sentence briefs) get no
fingerprint: two briefs about different events share their boilerplate phrasing
("... in the ... of ...") often enough to look alike at that size.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cache

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 42
ROWS = NUM_PERM // BANDS  # 3 rows x 42 bands use 126 of the 128 values
SHINGLE_SIZE = 3
MIN_SHINGLES = 40
_SEED = 1


@cache
def _permutations() -> tuple[object, object]:
    """Compute the permutations once: datasketch redoes it per MinHash (~4 ms each)."""
    permutations: tuple[object, object] = MinHash(num_perm=NUM_PERM, seed=_SEED).permutations
    return permutations


def shingles(tokens: Sequence[str], size: int = SHINGLE_SIZE) -> set[str]:
    """The set of `size`-word windows of `tokens` (the unit MinHash compares)."""
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def minhash_signature(shingle_set: set[str]) -> tuple[int, ...] | None:
    """MinHash signature of the shingles, or None when there are too few to trust."""
    if len(shingle_set) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=_permutations())
    minhash.update_batch([shingle.encode("utf-8") for shingle in sorted(shingle_set)])
    return tuple(int(value) for value in minhash.hashvalues)


def lsh_bands(signature: Sequence[int]) -> tuple[str, ...]:
    """Deterministic LSH band keys: equal keys mean `ROWS` equal hash values in a row."""
    values = np.asarray(signature, dtype=np.uint64)
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        keys.append(f"b{band}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return tuple(keys)


def estimate_jaccard(first: Sequence[int], second: Sequence[int]) -> float:
    """The share of equal MinHash values: an unbiased estimate of the Jaccard index."""
    if len(first) != len(second) or len(first) == 0:
        return 0.0
    return float(np.count_nonzero(np.asarray(first) == np.asarray(second))) / len(first)
