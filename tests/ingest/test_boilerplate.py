import pytest

from digests.ingest.boilerplate import strip_boilerplate
from digests.ingest.normalize import normalize_text


def test_seed_article_loses_bio_and_republishing_notice(seed_text: str) -> None:
    stripped = strip_boilerplate(normalize_text(seed_text))
    assert "republished" not in stripped.text
    assert "Read the original article" not in stripped.text
    assert "Stefan Wolff is" not in stripped.text
    assert stripped.text.endswith("neither can offer much of comfort to Ukraine and its allies.")
    assert stripped.lines("author-bio") == [
        "Stefan Wolff is University of Birmingham Professor of International Security."
    ]
    assert stripped.lines("republished")[0].startswith("This article was republished")


@pytest.mark.parametrize(
    "line",
    ["Share this article", "Follow us on Twitter and Facebook", "Read the original article.",
     "Sign up for our newsletter today!", "Share on WhatsApp"],
)
def test_share_prompts_anywhere(line: str) -> None:
    text = f"First paragraph here.\n\n{line}\n\nSecond paragraph.\n\nThird.\n\nFourth.\n\nFifth."
    stripped = strip_boilerplate(text)
    assert line not in stripped.text
    assert stripped.text.startswith("First paragraph here.\n\nSecond paragraph.")


def test_byline_only_at_the_start() -> None:
    stripped = strip_boilerplate("By Jane Roe, Reuters\n\nThe story begins.")
    assert stripped.text == "The story begins."
    assert stripped.lines("byline") == ["By Jane Roe, Reuters"]


def test_bio_like_sentence_in_the_body_is_kept() -> None:
    body = "\n\n".join(f"Paragraph {n}." for n in range(8))
    text = "John Smith is a professor at Oxford who studies rivers.\n\n" + body
    assert strip_boilerplate(text).text == text


def test_only_boilerplate_becomes_empty() -> None:
    stripped = strip_boilerplate("Share this article\n\nRead the original article.")
    assert stripped.text == ""
