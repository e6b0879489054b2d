from __future__ import annotations

from bot.render.article import render_article
from tests.render.conftest import make_article
from tests.render.oracle import assert_sendable


def test_article_shows_paragraphs_and_full_attribution() -> None:
    (message,) = render_article(make_article())
    visible = assert_sendable(message)
    assert "First paragraph. Second sentence.\n\nSecond paragraph." in visible
    assert visible.endswith(
        'Wikinews contributors, "Magnitogorsk", Wikinews, 2019-01-04 (CC BY 2.5).\n\nArticle 42'
    )


def test_long_article_is_split_at_paragraphs() -> None:
    text = "\n\n".join(f"Paragraph {i}. " + "word " * 100 for i in range(40))
    messages = render_article(make_article(text=text, attribution=None))
    assert len(messages) > 1
    for message in messages[1:]:
        assert assert_sendable(message).startswith("Paragraph")
