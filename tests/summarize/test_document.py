from __future__ import annotations

from sumy.nlp.stemmers import null_stemmer
from sumy.parsers.plaintext import PlaintextParser

from digests.summarize.document import build_document, truncate
from digests.summarize.tokenizer import OfflineTokenizer

TEXT = """BREAKING NEWS
The first line of a paragraph
goes on here. A second sentence follows it here.

The second paragraph starts now. The whole text ends here.
"""


def test_paragraphs_headings_and_joined_lines() -> None:
    document = build_document(TEXT, OfflineTokenizer("en"))
    assert len(document.paragraphs) == 2
    assert [str(h) for h in document.headings] == ["BREAKING NEWS"]
    assert [str(s) for s in document.sentences] == [
        "The first line of a paragraph goes on here.",
        "A second sentence follows it here.",
        "The second paragraph starts now.",
        "The whole text ends here.",
    ]


def test_same_sentences_as_sumy_plaintext_parser() -> None:
    tokenizer = OfflineTokenizer("en")
    ours = build_document(TEXT, tokenizer)
    theirs = PlaintextParser.from_string(TEXT, tokenizer).document
    assert ours.sentences == theirs.sentences
    assert ours.headings == theirs.headings
    assert null_stemmer("X") == "x"


def test_empty_text_has_no_sentences() -> None:
    assert build_document(" \n\n ", OfflineTokenizer("en")).sentences == ()


def test_truncate_keeps_the_head_and_its_headings() -> None:
    document = build_document(TEXT, OfflineTokenizer("en"))
    head = truncate(document, 3)
    assert [str(s) for s in head.sentences] == [str(s) for s in document.sentences[:3]]
    assert head.headings == document.headings
    assert truncate(document, 10).sentences == document.sentences


def test_repeated_sentences_are_ranked_once() -> None:
    from digests.summarize import summarize

    paragraph = ("The council approved the new harbour budget on Monday. "
                 "Fishermen welcomed the decision after years of delays.")
    text = "\n\n".join([paragraph] * 5 + ["Critics said the costs were too high."])
    summary = summarize(text, language="en", algorithm="luhn", length=5)
    assert len(summary.sentences) == len(set(summary.sentences)) == 3
    assert summary.total_sentences == 3
