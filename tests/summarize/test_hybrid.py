from digests.models import Summary
from digests.summarize.hybrid import centrality_scores, frequency_scores, fuse_rankings
from digests.summarize.registry import algorithm_names
from digests.summarize.summarizer import summarize

TEXT = (
    "The city council approved a new budget for schools on Monday.\n\n"
    "The budget gives schools more money for teachers.\n\n"
    "A band played outside.\n\n"
    "Teachers and schools welcomed the budget, the council said.\n\n"
    "It was sunny."
)


def test_hybrid_is_registered_and_returns_document_order() -> None:
    assert "hybrid" in algorithm_names()
    summary = summarize(TEXT, language="en", algorithm="hybrid", length=2)
    assert isinstance(summary, Summary)
    assert len(summary.sentences) == 2
    sentences = TEXT.split("\n\n")
    positions = [sentences.index(s) for s in summary.sentences]
    assert positions == sorted(positions)
    assert "It was sunny." not in summary.sentences


def test_fusion_prefers_agreement_and_breaks_ties_by_position() -> None:
    fused = fuse_rankings([[3.0, 2.0, 1.0], [1.0, 2.0, 3.0]], [1.0, 1.0])
    assert fused[0] == fused[2] > fused[1]  # extremes of both beat the middle of both
    assert fuse_rankings([[1.0, 1.0]], [1.0])[0] > fuse_rankings([[1.0, 1.0]], [1.0])[1]


def test_signals_favour_shared_content_words() -> None:
    surface = [["budget", "school"], ["budget", "school", "teacher"], ["band"]]
    cosine, reduction = centrality_scores(surface, surface)
    assert cosine[2] == 0.0
    assert reduction[2] == 0.0
    assert min(cosine[:2]) > 0.0
    frequency = frequency_scores(surface)
    assert frequency[2] == 0.0 < frequency[0]
