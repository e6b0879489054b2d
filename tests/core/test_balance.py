"""Source balance: at most a share of a digest's stories from one source while others match."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from digests.balance import balance, source_cap
from digests.digest import DigestRequest, build_digest
from digests.i18n import translator
from digests.labels import OFFICIAL_STATE, label_text
from digests.models import Article, MoreFrom, SearchHit, Summary
from digests.settings import Settings

NOW = datetime(2025, 5, 10, 12, tzinfo=UTC)
TOPICS = ["harbour bridge", "wheat harvest", "school strike", "river flood", "metro fares",
          "library fire", "airport queue", "tram strike", "bread prices", "ferry crash"]


def source(item: tuple[str, int]) -> str:
    return item[0]


def test_the_cap_is_a_share_of_the_stories_and_at_least_one() -> None:
    assert [source_cap(n, 0.4) for n in (1, 2, 3, 5, 10)] == [1, 1, 1, 2, 4]


def test_one_source_takes_its_share_while_others_match_and_the_rest_is_summed() -> None:
    items = [("A", 1), ("A", 2), ("A", 3), ("B", 4), ("A", 5), ("C", 6), ("A", 7), ("D", 8)]
    result = balance(items, 5, 0.4, source)
    assert result.chosen == [("A", 1), ("A", 2), ("B", 4), ("C", 6), ("D", 8)]  # ranking order
    assert result.more == (("A", 3),)


def test_the_capped_source_fills_when_no_other_source_matches() -> None:
    items = [("A", 1), ("A", 2), ("A", 3), ("B", 4), ("A", 5), ("A", 6)]
    result = balance(items, 5, 0.4, source)
    assert result.chosen == [("A", 1), ("A", 2), ("A", 3), ("B", 4), ("A", 5)]
    assert result.more == (("A", 1),)


def test_a_later_tier_never_comes_in_ahead_of_an_earlier_one() -> None:
    # The chat's language first: its one source fills before another language's sources.
    items = [("ru-site", 1), ("ru-site", 2), ("ru-site", 3), ("en-site", 4), ("en-other", 5)]
    result = balance(items, 4, 0.4, source, lambda item: item[0].startswith("ru"))
    assert result.chosen == [("ru-site", 1), ("ru-site", 2), ("ru-site", 3), ("en-site", 4)]


def test_a_share_of_one_turns_balance_off() -> None:
    items = [("A", n) for n in range(7)]
    assert balance(items, 5, 1.0, source).chosen == items[:5]
    assert balance(items, 5, 1.0, source).more == ()


def article(id_: int, where: str, topic: str) -> Article:
    text = (f"The {topic} was reported in {where} city on Monday. Officials described the "
            f"{topic} to reporters at noon. More reports on the {topic} are expected.")
    return Article(id=id_, title=f"{topic.title()} in {where}", text=text, source=where,
                   url=None, canonical_url=None, language="en",
                   published_at=NOW - timedelta(days=10 * id_), ingested_at=NOW,
                   content_hash=str(id_))


def lead_lines(a: Article) -> Summary:
    return Summary((a.text.split(". ")[0] + ".",), 3, "lead", "en", article_id=a.id)


def test_build_digest_balances_sources_and_says_how_many_more() -> None:
    # Seven stories from one site, two from others, ranked site first (10 days apart: no folds).
    hits = [SearchHit(article(i, "Kremlin", TOPICS[i]), 10.0 - i) for i in range(7)]
    hits += [SearchHit(article(7, "Wire", TOPICS[7]), 2.0),
             SearchHit(article(8, "Paper", TOPICS[8]), 1.0)]
    request = DigestRequest(title="T", query="q", since=NOW - timedelta(days=365), until=NOW,
                            stories=5, max_source_share=0.4)
    digest = build_digest(request, hits, summarize=lead_lines, now=NOW)
    sources = [s.lead.source for s in digest.stories]
    assert sources.count("Kremlin") == 3  # 2 by share, 1 more because no other source is left
    assert {"Wire", "Paper"} <= set(sources)
    assert digest.more_from == (MoreFrom("Kremlin", 4),)


def test_the_share_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings(_env_file=None).digest_max_source_share == 0.4  # type: ignore[call-arg]
    monkeypatch.setenv("DIGEST_MAX_SOURCE_SHARE", "1")
    assert Settings(_env_file=None).digest_max_source_share == 1.0  # type: ignore[call-arg]


def test_the_official_label_is_translated_and_other_labels_are_kept() -> None:
    russian = label_text(OFFICIAL_STATE, translator("ru"))
    assert russian is not None
    assert russian.startswith("официальное сообщение государства")
    assert label_text(OFFICIAL_STATE, translator("en")) == OFFICIAL_STATE
    assert label_text("press release", translator("ru")) == "press release"
    assert label_text(None) is None
