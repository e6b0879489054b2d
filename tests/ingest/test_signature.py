from digests.ingest.normalize import words
from digests.ingest.signature import (
    BANDS,
    NUM_PERM,
    estimate_jaccard,
    estimate_jaccards,
    lsh_bands,
    minhash_signature,
    shingles,
)

TEXT = " ".join(f"word{n} is followed by another token number {n}" for n in range(30))


def test_signature_is_deterministic_and_sized() -> None:
    first = minhash_signature(shingles(words(TEXT)))
    assert first is not None
    assert len(first) == NUM_PERM
    assert first == minhash_signature(shingles(words(TEXT)))
    bands = lsh_bands(first)
    assert len(bands) == BANDS
    assert bands[0].startswith("b0:")


def test_short_texts_get_no_signature() -> None:
    brief = "Russia and China sign a gas deal worth 400 billion dollars in Shanghai."
    assert minhash_signature(shingles(words(brief))) is None


def test_estimate_tracks_similarity() -> None:
    original = minhash_signature(shingles(words(TEXT)))
    rewrite = minhash_signature(shingles(words(TEXT.replace("number 3 ", "figure 3 "))))
    other = minhash_signature(shingles(words(TEXT.replace("token", "item").replace("is", "was"))))
    assert original is not None
    assert rewrite is not None
    assert other is not None
    assert estimate_jaccard(original, rewrite) > 0.8
    assert estimate_jaccard(original, other) < 0.2
    assert estimate_jaccard(original, ()) == 0.0


def test_signature_matches_datasketch_bit_for_bit(seed_text: str) -> None:
    """Stored signatures were made by datasketch; the vectorized version must agree."""
    from datasketch import MinHash

    for text in (TEXT, seed_text, seed_text.upper()):
        shingle_set = shingles(words(text))
        reference = MinHash(num_perm=NUM_PERM, seed=1)
        reference.update_batch([shingle.encode("utf-8") for shingle in sorted(shingle_set)])
        assert minhash_signature(shingle_set) == tuple(int(v) for v in reference.hashvalues)


def test_signature_is_pinned() -> None:
    """A change of hash or permutations would orphan every stored band."""
    signature = minhash_signature(shingles(words(TEXT)))
    assert signature is not None
    assert signature[:4] == (2511353, 73503794, 19274374, 152485899)


def test_shingles_are_every_three_word_window_and_nothing_else() -> None:
    assert shingles(["a", "b", "c", "d"]) == {"a b c", "b c d"}
    assert shingles(["a", "b", "c"]) == {"a b c"}
    assert shingles(["a", "b"]) == set()


def test_forty_shingles_are_enough_for_a_fingerprint_and_thirty_nine_are_not() -> None:
    tokens = [f"w{n}" for n in range(42)]  # 40 windows of three words
    assert len(shingles(tokens)) == 40
    assert minhash_signature(shingles(tokens)) is not None
    assert minhash_signature(shingles(tokens[:-1])) is None


def test_a_band_key_changes_with_its_own_three_values_only() -> None:
    """Equal keys mean three equal values in one band: what the store's lookup relies on."""
    base = tuple(range(NUM_PERM))
    first_value = lsh_bands((999, *base[1:]))
    fourth_value = lsh_bands((*base[:3], 999, *base[4:]))
    plain = lsh_bands(base)
    assert [n for n in range(BANDS) if first_value[n] != plain[n]] == [0]
    assert [n for n in range(BANDS) if fourth_value[n] != plain[n]] == [1]


def test_band_keys_are_pinned() -> None:
    """Stored bands outlive releases: a key computed differently would match nothing stored."""
    assert lsh_bands(tuple(range(NUM_PERM)))[:2] == ("b0:cf5ddb2411b6887b",
                                                     "b1:6619d64f14e0c299")


def test_jaccard_of_empty_and_one_value_signatures() -> None:
    assert estimate_jaccard((), ()) == 0.0
    assert estimate_jaccard((7,), (7,)) == 1.0
    assert estimate_jaccard((7, 8), (7,)) == 0.0  # different sizes are not comparable


def test_signature_values_are_plain_ints_below_two_to_the_32() -> None:
    """They are stored in the database and compared with stored ones: no numpy scalars."""
    signature = minhash_signature(shingles(words(TEXT)))
    assert signature is not None
    assert all(type(value) is int and 0 <= value < 2**32 for value in signature)


def test_estimate_jaccards_is_estimate_jaccard_for_each() -> None:
    signature = (5, 9, 2**40, 7)
    others = [(5, 9, 2**40, 7), (5, 0, 2**40, 1), (1, 2, 3, 4), (5, 9), ()]
    assert estimate_jaccards(signature, others) == [
        estimate_jaccard(signature, other) for other in others
    ] == [1.0, 0.5, 0.0, 0.0, 0.0]
    assert estimate_jaccards(signature, []) == []
    assert estimate_jaccards((), [(1,)]) == [0.0]
