"""Near-duplicate fingerprints: MinHash over word 3-gram shingles, with LSH bands.

The bands are plain strings ("b{i}:{hex}") that the store keeps in its article_bands
table, so the index lives in the database and survives restarts; the store returns the
articles sharing any band and we confirm each candidate with the estimated Jaccard
similarity of the two signatures.

Calibration on the bundled corpus (`benchmarks/bench_ingest.py --calibrate`, 300
records, 44,850 pairs; positives are the known near-duplicate pairs of
`shared/corpus/SOURCE.md`) is recorded in `seeds/README.md`; the default threshold of
0.5 is kept from it. With 32 bands of 4 rows a pair at Jaccard 0.5 shares a band with
probability 0.87, at 0.3 with 0.23, at 0.1 with 0.003, so the lookup stays cheap.

Texts with fewer than `MIN_SHINGLES` shingles (one-sentence briefs) get no
fingerprint: two briefs about different events share their boilerplate phrasing
("... in the ... of ...") often enough to look alike at that size.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE_SIZE = 3
MIN_SHINGLES = 40
_SEED = 1


def shingles(tokens: Sequence[str], size: int = SHINGLE_SIZE) -> set[str]:
    """The set of `size`-word windows of `tokens` (the unit MinHash compares)."""
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def minhash_signature(shingle_set: set[str]) -> tuple[int, ...] | None:
    """MinHash signature of the shingles, or None when there are too few to trust."""
    if len(shingle_set) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED)
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
