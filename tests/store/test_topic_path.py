"""The one topic -> search path on every backend: named topics' rules judge the store's hits.

Search, digests, `/summary` picks, subscriptions and inline results all go through
`NewsService`, so these checks on the service cover them on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from digests.service import NewsService
from digests.settings import Settings
from digests.store import SqlStore
from digests.topics import load_topics
from tests.store.conftest import T0, FixedClock

HOUR_AGO = T0 - timedelta(hours=1)

ROVER = ("NASA rover lands on Mars",
         "NASA's rover landed on Mars after a seven-month flight; the spacecraft will search "
         "the planet for signs of ancient life. The rocket launch went to plan.")
ICC = ("Mandat d'arrêt contre Vladimir Poutine",
       "Le 17 mars 2023, la Cour pénale internationale émet un mandat d'arrêt contre "
       "Vladimir Poutine pour la déportation d'enfants ukrainiens.")


@pytest.fixture
def news(store: SqlStore, clock: FixedClock, tmp_path: Path) -> NewsService:
    return NewsService(store, Settings(data_dir=tmp_path), load_topics(), clock=clock)


def test_space_topic_finds_the_planet_not_the_french_month(
    news: NewsService, add: Callable[..., int]
) -> None:
    rover = add(*ROVER, language="en", content_hash="rover", published_at=HOUR_AGO)
    icc = add(*ICC, language="fr", content_hash="icc", published_at=HOUR_AGO)
    assert [h.article.id for h in news.search("space")] == [rover]
    assert [s.lead.id for s in news.digest("space", widen=True).stories] == [rover]
    assert news.summary_for("space").article.id == rover
    # An ad-hoc query has no rules: the reader typed "mars" and gets every "mars".
    assert {h.article.id for h in news.search("mars")} == {rover, icc}


def test_a_passing_mention_does_not_make_an_article_about_covid(
    news: NewsService, add: Callable[..., int]
) -> None:
    about = add("Hospitals fill as COVID-19 cases rise",
                "COVID-19 cases rose again; the coronavirus pandemic strains hospitals.")
    passing = add("Museum reopens", "The museum reopened after the pandemic. " + "Paintings "
                  "and sculptures from the collection are on show again. " * 40,
                  content_hash="museum")
    assert [h.article.id for h in news.search("covid-19")] == [about]
    assert passing in {h.article.id for h in news.search("pandemic")}
