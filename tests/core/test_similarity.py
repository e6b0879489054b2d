"""IDF-weighted feature vectors: rare shared features count, common ones barely."""

import math

from digests.similarity import cosine, idf_vectors


def test_a_feature_every_item_has_weighs_least() -> None:
    vectors = idf_vectors([{"russia", "balloon"}, {"russia", "balloon"}, {"russia", "bridge"}])
    assert vectors[0]["balloon"] > vectors[0]["russia"]
    assert cosine(vectors[0], vectors[1]) > cosine(vectors[0], vectors[2])


def test_vectors_are_unit_length_and_empty_sets_stay_empty() -> None:
    vectors = idf_vectors([{"a", "b"}, set(), {"b"}])
    assert math.isclose(sum(v * v for v in vectors[0].values()), 1.0)
    assert vectors[1] == {}
    assert cosine(vectors[1], vectors[2]) == 0.0
