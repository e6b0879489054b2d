"""Near-duplicate fingerprints: MinHash over word 3-gram shingles, with LSH bands.

The bands are plain strings ("b{i}:{hex}") that the store keeps in its article_bands
table, so the index lives in the database and survives restarts; the store returns the
articles published within a week of it sharing any band (it keys them by publication
period, `digests/store/bands.py`) and we confirm each candidate with the estimated
Jaccard similarity of the two signatures.

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

NUM_PERM = 128
BANDS = 42
ROWS = NUM_PERM // BANDS  # 3 rows x 42 bands use 126 of the 128 values
SHINGLE_SIZE = 3
MIN_SHINGLES = 40
_SEED = 1
_MERSENNE_PRIME = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_SHIFT_61 = np.uint64(61)


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) permutation parameters datasketch uses for our seed, computed once.

    datasketch (imported here, not at module import, because it is slow to import and
    only ingest needs it) redoes this per MinHash (~4 ms each).
    """
    from datasketch import MinHash

    a, b = MinHash(num_perm=NUM_PERM, seed=_SEED).permutations
    return np.asarray(a, dtype=np.uint64), np.asarray(b, dtype=np.uint64)


def shingles(tokens: Sequence[str], size: int = SHINGLE_SIZE) -> set[str]:
    """The set of `size`-word windows of `tokens` (the unit MinHash compares)."""
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def minhash_signature(shingle_set: set[str]) -> tuple[int, ...] | None:
    """MinHash signature of the shingles, or None when there are too few to trust."""
    if len(shingle_set) < MIN_SHINGLES:
        return None
    # Bit for bit datasketch's MinHash(seed=1).update_batch with its default sha1_hash32
    # (tests compare the two), computed without its per-value Python calls: ingest
    # spent more time here than in the database. Values are the low 4 bytes of SHA-1,
    # little-endian; the min is order-independent, so the set needs no sorting.
    sha1 = hashlib.sha1
    digests = b"".join([sha1(shingle.encode("utf-8")).digest()[:4] for shingle in shingle_set])
    hashes = np.frombuffer(digests, dtype="<u4").astype(np.uint64)
    a, b = _permutations()
    mixed = hashes[:, None] * a + b  # wraps modulo 2**64, as datasketch's does
    # mixed % (2**61 - 1) without a division: 2**61 = 1 (mod p) and the sum is < 2p.
    reduced = (mixed & _MERSENNE_PRIME) + (mixed >> _SHIFT_61)
    reduced = np.where(reduced >= _MERSENNE_PRIME, reduced - _MERSENNE_PRIME, reduced)
    values: list[int] = (reduced & _MAX_HASH).min(axis=0).tolist()
    return tuple(values)


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
    return estimate_jaccards(first, [second])[0]


def estimate_jaccards(signature: Sequence[int],
                      others: Sequence[Sequence[int]]) -> list[float]:
    """`estimate_jaccard` of `signature` with each of `others`, in one array comparison.

    Ingest compares each new article with every stored original sharing a band (about
    ten at 100,000 articles); one NumPy comparison for all of them costs what one pair
    did.
    """
    result = [0.0] * len(others)
    comparable = [i for i, other in enumerate(others) if len(other) == len(signature)]
    if not signature or not comparable:
        return result
    matrix = np.array([others[i] for i in comparable], dtype=np.uint64)
    equal = np.count_nonzero(matrix == np.asarray(signature, dtype=np.uint64), axis=1)
    for i, count in zip(comparable, equal.tolist(), strict=True):
        result[i] = count / len(signature)
    return result
