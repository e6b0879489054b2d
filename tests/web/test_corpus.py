"""The real-world-shaped corpus (`tests/web/corpus/`): every file reads as it should.

Pages in a legacy encoding declared only in `<meta charset>` or `http-equiv` (issue
13.13), feeds in UTF-16/32 served as `text/xml` (13.14): each is served by the local
server with the `Content-Type` in the manifest and read through the real fetcher.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from digests.settings import Settings
from digests.store import SqlStore
from digests.store.sources import SourceRepository
from digests.web.fetch import Fetcher
from digests.web.opml import parse_opml
from digests.web.pages import fetch_page
from digests.web.poller import Poller
from tests.store.conftest import FixedClock
from tests.web.conftest import LocalSite

CORPUS = Path(__file__).parent / "corpus"
MANIFEST: list[dict[str, Any]] = json.loads((CORPUS / "manifest.json").read_text("utf-8"))


def _cases(kind: str) -> list[Any]:
    return [pytest.param(case, id=case["file"]) for case in MANIFEST if case["kind"] == kind]


@pytest.mark.parametrize("case", _cases("page"))
async def test_pages_in_legacy_encodings(case: dict[str, Any], site: LocalSite,
                                         local_settings: Settings) -> None:
    url = site.serve(f"/{case['file']}", (CORPUS / case["file"]).read_bytes(),
                     case["content_type"])
    async with Fetcher(local_settings) as fetcher:
        draft = await fetch_page(fetcher, url)
    assert draft.title == case["title"]
    assert case["phrase"] in draft.text


@pytest.mark.parametrize("case", _cases("feed"))
async def test_feeds_in_wide_and_legacy_encodings(case: dict[str, Any], site: LocalSite,
                                                  local_settings: Settings,
                                                  web_store: SqlStore, repo: SourceRepository,
                                                  clock: FixedClock) -> None:
    url = site.serve(f"/{case['file']}", (CORPUS / case["file"]).read_bytes(),
                     case["content_type"])
    repo.add(url)
    async with Fetcher(local_settings, clock=clock) as fetcher:
        report = await Poller(web_store, repo, fetcher, local_settings,
                              clock=clock).poll_due()
    assert report.failed == 0, report.outcomes
    assert report.stored == 2
    articles = {a.title: a for a in web_store.list_articles(limit=5)}
    assert case["phrase"] in articles[case["title"]].text


@pytest.mark.parametrize("case", _cases("opml"))
def test_subscription_lists_in_legacy_encodings(case: dict[str, Any]) -> None:
    """Issue 13.17: every exporter spelling read, variants of one feed counted once."""
    document = parse_opml((CORPUS / case["file"]).read_bytes())
    assert [feed.url for feed in document.feeds] == case["feeds"]
    assert sum(document.skipped.values()) == case["skipped"]
    assert document.duplicates == case["duplicates"]
