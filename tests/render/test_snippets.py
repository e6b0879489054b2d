"""Search snippets: the matched words in context, escaped, bold (issue 12)."""

from __future__ import annotations

from bot.render.search import render_snippet
from digests.snippets import find_snippet

TEXT = ("Filler words about the weather and crops. " * 8
        + "Putin met Xi <b>in</b> Moscow & the Kremlin said Russia and China signed deals. "
        + "More filler about sport. " * 8)


def test_the_window_with_the_most_matches_is_shown_in_bold_and_escaped() -> None:
    snippet = find_snippet(TEXT, ["putin", "xi", "russia", "chin"])
    assert snippet is not None
    html = render_snippet(snippet)
    assert html.startswith("…")
    assert html.endswith("…")
    for word in ("Putin", "Xi", "Russia", "China"):
        assert f"<b>{word}</b>" in html
    assert "&lt;b&gt;in&lt;/b&gt;" in html
    assert "&amp;" in html
    assert len(html) < 400


def test_no_match_no_snippet() -> None:
    assert find_snippet(TEXT, ["zebra"]) is None
    assert find_snippet(TEXT, []) is None


def test_a_short_text_is_shown_whole() -> None:
    snippet = find_snippet("Putin spoke.", ["putin"])
    assert snippet is not None
    assert render_snippet(snippet) == "<b>Putin</b> spoke."
