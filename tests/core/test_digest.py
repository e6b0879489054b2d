import dataclasses
from datetime import UTC, datetime, timedelta

from digests.digest import DigestRequest, build_digest, fold_stories, pick_key_points, rank_hits
from digests.models import Article, SearchHit, Story, Summary

NOW = datetime(2025, 5, 10, 12, tzinfo=UTC)


def article(id_: int, text: str, *, days_ago: float = 0, source: str = "Wire",
            duplicate_of: int | None = None) -> Article:
    return Article(
        id=id_, title=text.split(".")[0], text=text, source=source, url=None,
        canonical_url=None, language="en", published_at=NOW - timedelta(days=days_ago),
        ingested_at=NOW, content_hash=str(id_), duplicate_of=duplicate_of,
    )


def first_sentence(a: Article) -> Summary:
    sentences = tuple(s.strip() + "." for s in a.text.split(".") if s.strip())
    return Summary(sentences[:2], len(sentences), "lead", "en", article_id=a.id)


SUMMIT = ("Xi Jinping arrived in Moscow for talks with Vladimir Putin. The leaders signed a "
          "joint statement on strategic partnership. Trade between Russia and China grew.")
SUMMIT_REWRITE = ("Vladimir Putin welcomed Xi Jinping in Moscow for talks. The leaders signed a "
                  "joint statement on their strategic partnership. Russia China trade grew.")
FLOOD = ("Floods hit the coast of Peru after heavy rain. Thousands were evacuated from "
         "villages near the river. Rescue teams reached the area on Monday.")


def test_rank_prefers_relevance_and_breaks_ties_by_recency() -> None:
    old, new = article(1, SUMMIT, days_ago=30), article(2, FLOOD, days_ago=0)
    ranked = rank_hits([SearchHit(old, 10.0), SearchHit(new, 10.0)], now=NOW)
    assert [h.article.id for h in ranked] == [2, 1]
    ranked = rank_hits([SearchHit(old, 10.0), SearchHit(new, 2.0)], now=NOW)
    assert ranked[0].article.id == 1


def test_rewrites_of_one_event_fold_and_other_events_do_not() -> None:
    groups = fold_stories([article(1, SUMMIT), article(2, SUMMIT_REWRITE, days_ago=1),
                           article(3, FLOOD)])
    assert [[a.id for a in g] for g in groups] == [[1, 2], [3]]


def test_stored_near_duplicate_links_always_fold() -> None:
    groups = fold_stories([article(1, SUMMIT), article(2, FLOOD, duplicate_of=1)])
    assert len(groups) == 1


def test_same_words_far_apart_in_time_stay_separate() -> None:
    groups = fold_stories([article(1, SUMMIT), article(2, SUMMIT_REWRITE, days_ago=40)])
    assert len(groups) == 2


def test_key_points_do_not_repeat() -> None:
    summary = Summary(("The leaders signed a joint statement.",) * 2 + ("Trade grew.",), 3,
                      "lead", "en")
    stories = [Story(lead=article(1, SUMMIT), summary=summary)]
    points = pick_key_points(stories, 5)
    assert len(points) == len(set(points))


def test_build_digest_groups_sources_and_limits_stories() -> None:
    hits = [SearchHit(article(1, SUMMIT, source="A"), 5.0),
            SearchHit(article(2, SUMMIT_REWRITE, source="B"), 4.0),
            SearchHit(article(3, FLOOD, source="C"), 1.0)]
    request = DigestRequest(title="T", query="q", since=NOW - timedelta(days=7), until=NOW,
                            stories=1)
    digest = build_digest(request, hits, summarize=first_sentence, now=NOW)
    assert len(digest.stories) == 1
    assert digest.stories[0].sources == ("A", "B")
    assert digest.total_matches == 3
    assert digest.key_points
    # Key points are the story's points, marked with its number, and not shown twice.
    assert digest.key_point_stories == (1,) * len(digest.key_points)
    assert not set(digest.key_points) & set(digest.stories[0].summary.sentences)
    assert set(digest.key_points) <= set(first_sentence(article(1, SUMMIT)).sentences)


def test_empty_digest() -> None:
    request = DigestRequest(title="T", query="q", since=NOW, until=NOW)
    digest = build_digest(request, [], summarize=first_sentence, now=NOW)
    assert digest.is_empty
    assert digest.key_points == ()


# Honest dates (digests.undated): an article without a publication date is no period's news.
def undated(a: Article) -> Article:
    """`a` as a source without a publication date leaves it: known by its ingest time only."""
    return dataclasses.replace(a, dated=False, published_at=a.ingested_at)


def test_undated_article_is_no_news_of_a_time_window() -> None:
    # The best-scored match was only ingested in the window: it is left out, with its copy.
    analysis = undated(article(1, SUMMIT, source="Blog"))
    copy = undated(article(3, SUMMIT_REWRITE, source="Mirror", duplicate_of=1))
    hits = [SearchHit(analysis, 9.0), SearchHit(article(2, FLOOD, days_ago=0.5), 1.0)]
    request = DigestRequest(title="T", query="q", since=NOW - timedelta(hours=24), until=NOW)
    digest = build_digest(request, hits, summarize=first_sentence, now=NOW,
                          duplicates={1: [copy]})
    assert [s.lead.id for s in digest.stories] == [2]
    assert all(a.dated for s in digest.stories for a in s.articles)
    assert digest.total_matches == 1


def test_only_undated_matches_make_an_empty_period() -> None:
    request = DigestRequest(title="T", query="q", since=NOW - timedelta(hours=24), until=NOW)
    hits = [SearchHit(undated(article(1, SUMMIT)), 9.0)]
    assert build_digest(request, hits, summarize=first_sentence, now=NOW).is_empty


def test_open_window_shows_undated_story_last_without_key_points() -> None:
    hits = [SearchHit(undated(article(1, SUMMIT, source="Blog")), 9.0),
            SearchHit(article(2, FLOOD, days_ago=400), 1.0)]
    request = DigestRequest(title="T", query="q", since=NOW - timedelta(days=36500),
                            until=NOW, open_window=True)
    digest = build_digest(request, hits, summarize=first_sentence, now=NOW)
    assert [s.lead.id for s in digest.stories] == [2, 1]  # never the digest's lead
    assert set(digest.key_point_stories) == {1}  # its lines are not the digest's points
    assert digest.stories[1].summary.sentences  # but it is shown, as date unknown


def test_a_dated_report_leads_a_story_an_undated_one_shares() -> None:
    hits = [SearchHit(undated(article(1, SUMMIT, source="Blog")), 9.0),
            SearchHit(article(2, SUMMIT_REWRITE, source="Wire", days_ago=0.5), 1.0)]
    request = DigestRequest(title="T", query="q", since=NOW - timedelta(days=36500),
                            until=NOW, open_window=True)
    [story] = build_digest(request, hits, summarize=first_sentence, now=NOW).stories
    assert (story.lead.id, [a.id for a in story.others]) == (2, [1])


def test_a_story_never_opens_on_a_pronoun_for_someone_not_shown() -> None:
    from digests.lines import place_lines

    lines = ("Following the talks, they are expected to sign a joint statement on trade.",
             "Trade between Russia and China grew by a third last year.")
    story = Story(lead=article(1, SUMMIT), summary=Summary(lines, 5, "hybrid", "en"))
    placed = place_lines([story], [])
    assert placed.stories[0].summary.sentences == lines[1:]
    # Under its key point, the line continues it and stays.
    pointed = Story(lead=article(1, SUMMIT), summary=Summary(
        ("Xi Jinping arrived in Moscow for talks with Vladimir Putin.", *lines), 5, "hybrid",
        "en"))
    placed = place_lines([pointed], ["Xi Jinping arrived in Moscow for talks with Vladimir Putin."])
    assert placed.stories[0].summary.sentences == lines
