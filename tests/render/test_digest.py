from __future__ import annotations

from bot.render.digest import render_digest, story_block
from digests.i18n import translator
from digests.models import Story
from digests.service import headline_summary
from tests.render.conftest import HOSTILE_TITLE, make_article, make_digest, make_summary
from tests.render.oracle import assert_sendable


def test_empty_digest_says_nothing_matched() -> None:
    (message,) = render_digest(make_digest(query="<russia> & china"), bot_username=None)
    assert message.startswith("<b>📰 Russia and China</b>\n<i>2019-01-01 – 2019-01-08 · 0 stories")
    assert "Nothing new matched <code>&lt;russia&gt; &amp; china</code> in this period." in message
    assert_sendable(message)


def _story(n: int, **article: object) -> Story:
    lead = make_article(id=n, title=f"Story {n}", **article)
    other = make_article(
        id=1000 + n, source="Kremlin", url=f"https://kremlin.ru/{n}", license="CC BY 4.0"
    )
    return Story(lead=lead, summary=make_summary(), others=(other,))


def test_digest_shows_key_points_stories_and_who_else_reported() -> None:
    digest = make_digest(
        stories=(_story(1), _story(2)), key_points=("Point <one>",), total_matches=7
    )
    (message,) = render_digest(digest, bot_username="NewsDigestBot")
    visible = assert_sendable(message)
    assert "2 stories · 7 matching articles" in visible
    assert "Key points\n• Point <one>" in visible
    assert "1. Story 1\nAn apartment building collapsed. Rescuers responded.\n" in visible
    assert "Also reported by: Kremlin (CC BY 4.0)" in visible
    assert '<a href="https://kremlin.ru/1">Kremlin</a>' in message
    assert "https://t.me/NewsDigestBot?start=t_russia-china" in message


def test_big_hostile_digest_splits_between_stories() -> None:
    stories = tuple(_story(i, source=HOSTILE_TITLE) for i in range(1, 60))
    digest = make_digest(stories=stories, title=HOSTILE_TITLE * 100, topic="x" * 64)
    messages = render_digest(digest, bot_username="NewsDigestBot")
    assert len(messages) > 1
    for message in messages:
        visible = assert_sendable(message)
        assert visible.startswith(("📰", "Key points")) or visible[0].isdigit()


def test_a_headline_only_story_is_not_repeated_as_its_summary() -> None:
    """Issue 13.16: the story says "headline only" rather than its title a second time."""
    lead = make_article(title="Harbour wall repaired", text="Harbour wall repaired",
                        headline_only=True)
    block = story_block(Story(lead=lead, summary=headline_summary(lead)), 1)
    assert block.count("Harbour wall repaired") == 1
    assert "Headline only" in block


def test_each_other_source_is_named_once_and_the_leads_own_reports_are_counted() -> None:
    lead = make_article(id=1, title="Talks", source="Kremlin", url="https://kremlin.ru/1")
    others = (
        make_article(id=2, source="Kremlin", url="https://kremlin.ru/2"),
        make_article(id=3, source="TASS", url="https://tass.ru/3", license=None),
        make_article(id=4, source="Kremlin", url="https://kremlin.ru/4"),
        make_article(id=5, source="TASS", url="https://tass.ru/5", license=None),
        make_article(id=6, source="Xinhua", url="https://xinhua.cn/6", license=None),
    )
    block = story_block(Story(lead=lead, summary=make_summary(), others=others), 1)
    assert ('<i>Also reported by: <a href="https://tass.ru/3">TASS</a> ×2, '
            '<a href="https://xinhua.cn/6">Xinhua</a></i>\n') in block
    assert ('<i>2 more reports from this source:</i> <a href="https://kremlin.ru/2">1</a> · '
            '<a href="https://kremlin.ru/4">2</a>') in block
    assert block.count("Kremlin") == 1  # the lead's credit only


def test_a_story_of_one_outlets_reports_says_how_many_in_russian() -> None:
    lead = make_article(id=1, title="Talks", source="Kremlin", url="https://kremlin.ru/1")
    others = tuple(make_article(id=n, source="Kremlin", url=f"https://kremlin.ru/{n}")
                   for n in range(2, 7))
    block = story_block(Story(lead=lead, summary=make_summary(), others=others), 1,
                        t=translator("ru"), language="ru")
    assert "Ещё 5 сообщений этого источника:" in block
    assert "Также сообщают" not in block


def test_a_summary_that_only_repeats_the_title_is_not_shown_twice() -> None:
    title = "Xi Jinping heads to Russia on his first overseas tour"
    lead = make_article(id=1, title=title, source="Wikipedia Current Events Portal (brief)")
    brief = Story(lead=lead, summary=make_summary(sentences=(f"{title}.",)), others=())
    block = story_block(brief, 3)
    assert block.count(title) == 1
    assert "Wikipedia Current Events Portal (brief)" in block


def test_a_widened_digest_says_so_inside_its_first_message() -> None:
    digest = make_digest(stories=(_story(1),))
    note = "<i>Nothing new in the last 24 hours — here are the latest stories.</i>"
    [message] = render_digest(digest, bot_username=None, note=note)
    second = message.split("\n")[2]
    assert second == note
    assert_sendable(message)


def test_quotes_with_their_speakers_are_one_per_line() -> None:
    quotes = ("«Мы готовы к совместной работе» — В.Путин",
              "«Спустя 80 лет мы должны объединяться» — Ван И")
    story = Story(lead=make_article(), summary=make_summary(sentences=quotes), others=())
    block = story_block(story, 1)
    assert "— В.Путин\n«Спустя 80 лет" in block
    prose = Story(lead=make_article(), summary=make_summary(), others=())
    assert "An apartment building collapsed. Rescuers responded." in story_block(prose, 1)
