import pytest

from bot.render.parse import is_valid, visible_text
from bot.render.sources import render_paused, render_sources
from bot.render.split import MAX_MESSAGE_CHARS
from digests.i18n import translator
from digests.web.poller import SourcePaused


def test_sources_are_escaped_and_split_under_the_limit() -> None:
    entries = [(f"<Feed {i}> & co", f"https://example.org/feed/{i}?a=1&b=2",
                ["ok · last success 5 min ago · 50 entries", "x" * 200]) for i in range(60)]
    pieces = render_sources(entries)
    assert len(pieces) > 1
    for piece in pieces:
        assert is_valid(piece)
        assert len(visible_text(piece)) <= MAX_MESSAGE_CHARS
    assert "<Feed 0> & co" in visible_text(pieces[0])


def test_untitled_source_shows_its_url() -> None:
    [piece] = render_sources([("", "https://example.org/rss", ["ok"])])
    assert visible_text(piece).startswith("https://example.org/rss")
    assert visible_text(piece).count("https://example.org/rss") == 1  # once, not twice


def test_titled_source_shows_title_then_url() -> None:
    [piece] = render_sources([("Wire", "https://example.org/rss", ["ok"])])
    assert visible_text(piece) == "Wire\nhttps://example.org/rss\nok"


def _paused(failures: int, title: str | None = "<Wire> & co") -> SourcePaused:
    return SourcePaused(1, "https://example.org/rss?a=1&b=2", title, 7, failures,
                        "the server answered 503 Service Unavailable")


@pytest.mark.parametrize(("failures", "russian"), [
    (1, "после 1 неудачной проверки подряд"), (3, "после 3 неудачных проверок подряд"),
    (5, "после 5 неудачных проверок подряд"), (21, "после 21 неудачной проверки подряд"),
])
def test_paused_notice_in_russian_with_plural_forms(failures: int, russian: str) -> None:
    text = render_paused(_paused(failures), translator("ru"))
    assert is_valid(text)
    shown = visible_text(text)
    assert shown.startswith(f"Лента <Wire> & co приостановлена {russian}.")
    assert "Последняя ошибка: сервер ответил кодом 503 (сервис недоступен)" in shown
    assert "Чтобы возобновить её, отправьте /source add https://example.org/rss?a=1&b=2" in shown


def test_paused_notice_in_english_names_an_untitled_feed_by_its_url() -> None:
    shown = visible_text(render_paused(_paused(2, title=None)))
    assert shown.startswith("Feed https://example.org/rss?a=1&b=2 is paused after 2 failed "
                            "checks in a row.")
