import pytest
from rouge_score import rouge_scorer

from digests.evaluation.scoring import RougeScorer


def test_scores_agree_with_rouge_score_called_directly() -> None:
    candidate = ["The cats were sitting on the mat.", "Dogs barked loudly."]
    reference = ["A cat sat on the mat.", "The dogs barked."]
    direct = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True).score(
        "A cat sat on the mat.\nThe dogs barked.",
        "The cats were sitting on the mat.\nDogs barked loudly.",
    )
    ours = RougeScorer().score(candidate, reference)
    assert ours.rouge1 == pytest.approx(direct["rouge1"].fmeasure)
    assert ours.rouge2 == pytest.approx(direct["rouge2"].fmeasure)
    assert ours.rouge_lsum == pytest.approx(direct["rougeLsum"].fmeasure)


def test_identical_summaries_score_one_whatever_the_sentence_order() -> None:
    scores = RougeScorer().score(["b c d.", "a b c."], ["a b c.", "b c d."])
    assert scores.rouge1 == pytest.approx(1.0)
    assert scores.rouge_lsum == pytest.approx(1.0)


def test_tokenize_stems_like_rouge() -> None:
    assert RougeScorer().tokenize("Running cats") == ["run", "cat"]
