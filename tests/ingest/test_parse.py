"""The three parsers (text/Markdown, HTML, corpus JSON Lines) and their dispatch."""

import json

from digests.ingest.parse import parse
from digests.ingest.parse_corpus import parse_corpus
from digests.ingest.parse_html import parse_html
from digests.ingest.parse_text import parse_text
from digests.ingest.records import derive_title
from digests.ingest.types import DocumentKind, RawDocument, Rejection
from digests.models import ArticleDraft

HTML = """<!DOCTYPE html><html lang="en-GB"><head><title>Bridge reopens | Example</title>
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://example.org/bridge"></head><body><article>
<h1>Bridge reopens</h1>
<p>The Crimean bridge reopened to traffic on Saturday after repairs lasting several weeks.</p>
<p>Officials said that rail traffic would resume gradually over the coming days as well.</p>
</article><div class="comments"><p>Comment: first!!! buy cheap watches</p></div></body></html>"""


def test_text_title_from_first_line() -> None:
    draft = parse_text("Bridge reopens\nThe bridge reopened on Saturday.\nMore text.")
    assert draft.title == "Bridge reopens"
    assert draft.text.startswith("The bridge reopened")
    assert draft.source == "local"


def test_text_title_derived_when_first_line_is_a_sentence(seed_text: str) -> None:
    draft = parse_text(seed_text)
    assert draft.text.startswith("Russian troops marching")
    assert len(draft.title) <= 101
    assert draft.title.startswith("Russian troops marching in Red Square")


def test_sidecar_metadata_wins(seed_text: str) -> None:
    draft = parse_text(seed_text, metadata={"title": "Chosen", "source": "The Conversation",
                                            "license": "CC BY-ND 4.0", "topics": ["a", "b"]})
    assert (draft.title, draft.source, draft.license) == ("Chosen", "The Conversation",
                                                         "CC BY-ND 4.0")
    assert draft.extra["topics"] == "a, b"


def test_markdown_markup_is_removed() -> None:
    draft = parse_text("# Big **news**\n\nSee [the report](https://x.org) now.", markdown=True)
    assert draft.title == "Big news"
    assert draft.text.strip() == "See the report now."


def test_html_main_text_and_metadata() -> None:
    draft = parse_html(HTML, label="page.html")
    assert isinstance(draft, ArticleDraft)
    assert draft.title == "Bridge reopens"
    assert draft.author == "Jane Roe"
    assert draft.language == "en"
    assert draft.url == "https://example.org/bridge"
    assert draft.published_at is not None
    assert draft.published_at.date().isoformat() == "2024-03-05"
    assert "Comment" not in draft.text
    assert draft.text.strip().startswith("The Crimean bridge reopened")


def test_html_without_text_is_rejected() -> None:
    result = parse_html("<html><body><script>x()</script></body></html>", label="empty.html")
    assert isinstance(result, Rejection)


def test_corpus_record_fields() -> None:
    record = {"id": "kremlin-ru-1", "title": "T", "text": "Body.", "published": "2025-05-08",
              "source": "kremlin.ru", "url": "http://kremlin.ru/1", "license": "CC BY 4.0",
              "attribution": "«T», kremlin.ru", "language": "ru", "topics": ["russia-china"],
              "event": "visit", "source_kind": "official state communication"}
    [draft] = parse_corpus(json.dumps(record), label="c.jsonl")
    assert isinstance(draft, ArticleDraft)
    assert draft.external_id == "kremlin-ru-1"
    assert draft.published_at is not None
    assert draft.published_at.isoformat() == "2025-05-08T00:00:00+00:00"
    assert (draft.language, draft.license, draft.canonical_url) == ("ru", "CC BY 4.0",
                                                                   "http://kremlin.ru/1")
    assert draft.extra == {"topics": "russia-china", "event": "visit",
                           "source_kind": "official state communication"}


def test_bad_corpus_lines_are_rejected_one_by_one() -> None:
    lines = '{"text": "ok", "title": "A"}\nnot json\n[1]\n{"title": "no text"}\n'
    results = list(parse_corpus(lines, label="c.jsonl"))
    assert isinstance(results[0], ArticleDraft)
    assert [r.label for r in results[1:] if isinstance(r, Rejection)] == [
        "c.jsonl:2", "c.jsonl:3", "no text"]


def test_dispatch_by_kind() -> None:
    raw = RawDocument("p.html", DocumentKind.HTML, b"")
    [draft] = list(parse(raw, HTML))
    assert isinstance(draft, ArticleDraft)
    assert draft.origin == "html"


def test_derive_title_cuts_long_sentences() -> None:
    assert derive_title("Short one. Then more.") == "Short one."
    assert derive_title("word " * 60).endswith("…")
