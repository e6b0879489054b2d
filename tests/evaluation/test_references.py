from digests.evaluation.references import cut_reference, normalize_space

SENTENCES = [
    "Profits rose 5% to $10.9bn.",
    "For the full year, the firm posted a gain.",
    "Shares fell on Monday.",
    "Analysts said the outlook was weak.",
]


def test_glued_sentences_are_cut_at_article_sentences() -> None:
    reference = "For the full year, the firm posted a gain.Profits rose 5% to $10.9bn.Shares fell"
    reference += " on Monday."
    assert cut_reference(reference, SENTENCES) == [SENTENCES[1], SENTENCES[0], SENTENCES[2]]


def test_reference_order_is_kept_not_article_order() -> None:
    pieces = cut_reference("Shares fell on Monday.Profits rose 5% to $10.9bn.", SENTENCES)
    assert pieces == [SENTENCES[2], SENTENCES[0]]


def test_whitespace_differences_do_not_block_a_match() -> None:
    reference = "Shares  fell\non Monday. Analysts said the outlook was weak."
    assert cut_reference(reference, SENTENCES) == [SENTENCES[2], SENTENCES[3]]


def test_fragment_of_a_merged_article_sentence_falls_back_to_verbatim_text() -> None:
    merged = ["Mr Smith left. He said goodbye.", "Then it rained."]
    pieces = cut_reference("He said goodbye.Then it rained.", merged)
    assert pieces == ["He said goodbye.", "Then it rained."]


def test_longest_matching_sentence_wins() -> None:
    sentences = ["It rained.", "It rained. Then it snowed all day long."]
    pieces = cut_reference("It rained. Then it snowed all day long.", sentences)
    assert pieces == ["It rained. Then it snowed all day long."]


def test_pieces_cover_the_reference_text() -> None:
    reference = "Analysts said the outlook was weak.For the full year, the firm posted a gain."
    pieces = cut_reference(reference, SENTENCES)
    assert "".join(pieces) == normalize_space(reference)
