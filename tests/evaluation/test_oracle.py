from digests.evaluation.oracle import greedy_oracle
from digests.evaluation.scoring import RougeScorer


def test_oracle_finds_the_reference_sentences_and_stops() -> None:
    sentences = [
        "The council approved the new budget.",
        "Weather was mild.",
        "Taxes will rise by two percent next year.",
        "A band played.",
    ]
    reference = [
        "Taxes will rise by two percent next year.",
        "The council approved the new budget.",
    ]
    ranking = greedy_oracle(sentences, reference, RougeScorer().tokenize)
    assert sorted(ranking) == [0, 2]
