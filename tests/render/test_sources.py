from bot.render.parse import is_valid, visible_text
from bot.render.sources import render_sources
from bot.render.split import MAX_MESSAGE_CHARS


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
