from __future__ import annotations

from bot.render.summary import render_summary
from digests.i18n import translator
from digests.service import headline_summary
from tests.render.conftest import HOSTILE_TITLE, make_article, make_summary
from tests.render.oracle import assert_sendable


def test_summary_shows_title_source_date_licence_sentences_and_kept() -> None:
    (message,) = render_summary(
        make_article(), make_summary(), deep_link="https://t.me/NewsDigestBot?start=a_42"
    )
    assert message.startswith(
        '<b><a href="https://en.wikinews.org/wiki/Magnitogorsk">'
        "Magnitogorsk apartment building collapses</a></b>\n"
    )
    assert (
        '<a href="https://en.wikinews.org/wiki/Magnitogorsk">Wikinews (English)</a> · 2019-01-04 · '
        '<a href="https://creativecommons.org/licenses/by/2.5/">CC BY 2.5</a>'
    ) in message
    assert "• An apartment building collapsed.\n• Rescuers responded." in message
    assert "<i>2 of 31 sentences · lexrank</i>" in message
    assert '<a href="https://t.me/NewsDigestBot?start=a_42">Open in the bot</a>' in message
    assert_sendable(message)


def test_hostile_article_is_escaped_everywhere() -> None:
    article = make_article(
        title=HOSTILE_TITLE,
        source=HOSTILE_TITLE,
        url='https://example.org/"><script>',
        license="<b>CC</b>",
        author="&",
    )
    summary = make_summary(sentences=(HOSTILE_TITLE, "x" * 5000), note="<i>")
    messages = render_summary(article, summary, deep_link=None)
    visible = "".join(assert_sendable(m) for m in messages)
    assert "<script>" in visible  # shown as text, never as markup
    assert "<script>" not in "".join(messages)


def test_non_http_url_is_not_linked() -> None:
    (message,) = render_summary(
        make_article(url="javascript:alert(1)"), make_summary(), deep_link=None
    )
    assert "href" not in message.split("\n")[0]
    assert "javascript" not in message


def test_summary_without_sentences_says_so() -> None:
    (message,) = render_summary(
        make_article(), make_summary(sentences=(), note="Too short to summarize."), deep_link=None
    )
    assert "<i>Too short to summarize.</i>" in message
    assert_sendable(message)


def test_long_summary_is_split_into_sendable_messages() -> None:
    sentences = tuple(f"Sentence number {i} with \u200fעברית and 😀 emoji." for i in range(400))
    messages = render_summary(make_article(), make_summary(sentences=sentences), deep_link=None)
    assert len(messages) > 1
    for message in messages:
        assert_sendable(message)


def test_a_headline_only_article_says_so_instead_of_a_sentence_count() -> None:
    """Issue 13.16: a stored headline is shown for what it is, never as a summary."""
    article = make_article(text="Magnitogorsk apartment building collapses",
                           headline_only=True)
    (message,) = render_summary(article, headline_summary(article), deep_link=None)
    assert "Headline only: the feed gave no text" in message
    assert "sentence" not in message
    (russian,) = render_summary(article, headline_summary(article), deep_link=None,
                                t=translator("ru"))
    assert "Только заголовок" in russian
    assert_sendable(message)
