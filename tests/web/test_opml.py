from __future__ import annotations

from datetime import UTC, datetime

import pytest

from digests.web.opml import OpmlError, OpmlFeed, export_opml, parse_opml

NESTED = """<?xml version="1.0"?>
<opml version="1.0"><head><title>mine</title></head><body>
  <outline text="News">
    <outline text="A &amp; B" type="rss" xmlUrl="https://a.example/feed"/>
    <outline title="C" xmlUrl="https://c.example/atom"/>
  </outline>
  <outline text="dup" xmlUrl="https://a.example/feed"/>
  <outline text="bad" xmlUrl="file:///etc/passwd"/>
  <outline text="no url"/>
</body></opml>"""


def test_import_walks_folders_skips_duplicates_and_non_http() -> None:
    assert parse_opml(NESTED) == [OpmlFeed("https://a.example/feed", "A & B"),
                                  OpmlFeed("https://c.example/atom", "C")]


@pytest.mark.parametrize("text", ["not xml", "<rss/>", "<opml><body>"])
def test_bad_documents(text: str) -> None:
    with pytest.raises(OpmlError):
        parse_opml(text)


def test_entity_expansion_is_refused() -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">'
            '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
            '<opml><body><outline text="&d;" xmlUrl="https://x.example/f"/></body></opml>')
    try:
        feeds = parse_opml(bomb)
    except OpmlError:
        return
    assert len(feeds[0].title or "") < 100_000


def test_export_round_trips_and_escapes() -> None:
    feeds = [OpmlFeed("https://a.example/feed?x=1&y=2", 'A <"B">'), OpmlFeed("https://c/f")]
    document = export_opml(feeds, now=datetime(2026, 3, 1, tzinfo=UTC))
    assert "Sun, 01 Mar 2026" in document
    assert parse_opml(document) == [OpmlFeed("https://a.example/feed?x=1&y=2", 'A <"B">'),
                                    OpmlFeed("https://c/f", "https://c/f")]
