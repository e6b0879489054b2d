"""The sources service: the rules `/source` and `newsdigest sources` share, on a real store."""

from __future__ import annotations

from pathlib import Path

import pytest

from digests.services.sources import (
    NotAFeedUrl,
    OpmlTooLarge,
    SourceExistsError,
    SourceService,
    load_opml,
)
from digests.settings import Settings
from digests.store import SqlStore
from digests.store.sources import SourceRepository
from tests.web import samples
from tests.web.conftest import (  # noqa: F401 - fixtures
    LocalSite,
    clock,
    local_settings,
    site,
    web_store,
)

OPML = """<?xml version="1.0"?><opml version="2.0"><body>
<outline text="One" xmlUrl="HTTPS://Feeds.Example/one.xml#top"/>
<outline text="Two" xmlUrl="https://feeds.example/two.xml"/>
<outline text="Again" xmlUrl="https://feeds.example/two.xml"/>
<outline text="Folder"><outline text="No link"/></outline>
</body></opml>"""


@pytest.fixture
def service(web_store: SqlStore, local_settings: Settings) -> SourceService:  # noqa: F811
    return SourceService(web_store, local_settings)


def test_a_feed_is_added_under_one_spelling_and_only_once(service: SourceService) -> None:
    added = service.add("HTTPS://Feeds.Example:443/rss?utm_source=x#top", title="Example")
    assert added.url == "https://feeds.example/rss"
    with pytest.raises(SourceExistsError):
        service.add("https://feeds.example/rss")
    with pytest.raises(NotAFeedUrl, match="not an http"):
        service.add("ftp://feeds.example/rss")
    assert [s.url for s in service.list_sources()] == ["https://feeds.example/rss"]


def test_removal_takes_any_spelling_and_one_stored_before_urls_were_canonical(
        service: SourceService, web_store: SqlStore) -> None:  # noqa: F811
    service.add("https://feeds.example/rss")
    SourceRepository.for_store(web_store).add("HTTPS://Old.Example/Feed")  # as stored once
    assert service.remove("HTTPS://FEEDS.example/rss?utm_medium=y")
    assert service.remove("HTTPS://Old.Example/Feed")
    assert not service.remove("https://feeds.example/rss")
    assert service.list_sources() == []


def test_opml_import_adds_only_new_feeds_and_export_lists_them(
        service: SourceService, tmp_path: Path) -> None:
    path = tmp_path / "feeds.opml"
    path.write_text(OPML, encoding="utf-8")
    service.add("https://feeds.example/two.xml")
    done = service.import_opml(load_opml(path))
    assert (done.feeds, done.added, done.present, done.duplicates) == (2, 1, 1, 1)
    assert done.skipped == "1 outline skipped (1 without a feed URL)"
    document, feeds = service.export_opml()
    assert feeds == 2
    assert "https://feeds.example/one.xml" in document


def test_an_opml_file_larger_than_any_list_of_feeds_is_refused(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    monkeypatch.setattr("digests.services.sources.OPML_MAX_BYTES", 100)
    path = tmp_path / "big.opml"
    path.write_text(OPML, encoding="utf-8")
    with pytest.raises(OpmlTooLarge, match="too large"):
        load_opml(path)


async def test_add_and_check_polls_once_and_resumes_a_paused_feed(
        service: SourceService, site: LocalSite, web_store: SqlStore) -> None:  # noqa: F811
    url = site.serve("/feed", samples.rss(2), "application/rss+xml")
    outcome = await service.add_and_check(url, added_by=7)
    assert outcome is not None
    assert (outcome.status, outcome.entries, outcome.stored) == ("updated", 2, 2)
    repo = SourceRepository.for_store(web_store)
    [added] = repo.list_sources()
    assert added.added_by == 7
    repo.record_failure(added.id, error="HTTP 503", next_check=added.created_at, pause=True)
    again = await service.add_and_check(url, added_by=7)
    assert again is not None
    assert again.status in {"updated", "not-modified"}
    assert not repo.list_sources()[0].paused


async def test_add_and_check_refuses_a_url_that_is_a_source_of_another_kind(
        service: SourceService, web_store: SqlStore) -> None:  # noqa: F811
    SourceRepository.for_store(web_store).add("https://t.me/s/news", kind="channel")
    assert await service.add_and_check("https://t.me/s/news", added_by=7) is None
