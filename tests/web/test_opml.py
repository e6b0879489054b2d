from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

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
    assert parse_opml(NESTED).feeds == [OpmlFeed("https://a.example/feed", "A & B"),
                                  OpmlFeed("https://c.example/atom", "C")]


@pytest.mark.parametrize("text", ["not xml", "<rss/>", "<opml><body>"])
def test_bad_documents(text: str) -> None:
    with pytest.raises(OpmlError):
        parse_opml(text)


def test_a_declared_entity_is_refused_however_small() -> None:
    # The standard library expands this to "hello"; an importer must not expand anything.
    small = ('<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "hello">]>'
             '<opml><body><outline text="&a;" xmlUrl="https://x.example/f"/></body></opml>')
    with pytest.raises(OpmlError, match="entity declarations are not accepted"):
        parse_opml(small)


def test_an_expansion_bomb_is_refused() -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">'
            '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
            '<opml><body><outline text="&d;" xmlUrl="https://x.example/f"/></body></opml>')
    with pytest.raises(OpmlError, match="entity declarations are not accepted"):
        parse_opml(bomb)


def test_an_external_entity_is_refused_and_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN", encoding="utf-8")
    document = (f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
                '<opml><body><outline text="&x;" xmlUrl="https://x.example/f"/></body></opml>')
    with pytest.raises(OpmlError, match="entity declarations are not accepted"):
        parse_opml(document)


def test_a_plain_doctype_is_still_read() -> None:
    document = ('<?xml version="1.0"?><!DOCTYPE opml><opml><body>'
                '<outline text="F" xmlUrl="https://x.example/f"/></body></opml>')
    assert parse_opml(document).feeds == [OpmlFeed("https://x.example/f", "F")]


def test_export_round_trips_and_escapes() -> None:
    feeds = [OpmlFeed("https://a.example/feed?x=1&y=2", 'A <"B">'), OpmlFeed("https://c/f")]
    document = export_opml(feeds, now=datetime(2026, 3, 1, tzinfo=UTC))
    assert "Sun, 01 Mar 2026" in document
    assert parse_opml(document).feeds == [OpmlFeed("https://a.example/feed?x=1&y=2", 'A <"B">'),
                                    OpmlFeed("https://c/f", "https://c/f")]


def test_import_reports_what_it_left_out() -> None:
    document = parse_opml(NESTED)
    assert document.duplicates == 1
    assert document.skipped == {"without a feed URL": 1, "not an http(s) feed": 1}
    assert document.describe_skipped() == (
        "2 outlines skipped (1 not an http(s) feed, 1 without a feed URL)")


@pytest.mark.parametrize(("outline", "url"), [
    ('xmlUrl="feed://news.example.org/rss"', "http://news.example.org/rss"),
    ('xmlUrl="feed:https://news.example.org/rss"', "https://news.example.org/rss"),
    ('xmlUrl="itpc://pod.example.org/\u00e9p.rss"', "http://pod.example.org/%C3%A9p.rss"),
    ('xmlUrl="pcast://pod.example.org/x"', "http://pod.example.org/x"),
    ('xmlURL="https://loud.example.org/atom.xml"', "https://loud.example.org/atom.xml"),
    ('XMLURL="https://loud.example.org/atom.xml"', "https://loud.example.org/atom.xml"),
    ('type="rss" url="https://url.example.org/rss.xml"', "https://url.example.org/rss.xml"),
    ('url="https://url.example.org/rss.xml"', "https://url.example.org/rss.xml"),
    ('xmlUrl="HTTPS://News.Example.ORG:443/feed?utm_source=opml&amp;id=2#top"',
     "https://news.example.org/feed?id=2"),
    ('xmlUrl="https://user:pw@news.example.org/private.xml"',
     "https://user:pw@news.example.org/private.xml"),
])
def test_every_spelling_of_a_feed_link_is_read(outline: str, url: str) -> None:
    """Issue 13.17: exporters' spellings were skipped without a word."""
    document = f'<opml><body><outline text="F" {outline}/></body></opml>'
    assert parse_opml(document).feeds == [OpmlFeed(url, "F")]


def test_url_of_a_link_or_an_include_is_not_a_feed() -> None:
    document = ('<opml version="2.0"><body>'
                '<outline text="site" type="link" url="https://example.org/"/>'
                '<outline text="more" type="include" url="https://example.org/x.opml"/>'
                "</body></opml>")
    assert parse_opml(document).feeds == []
    assert parse_opml(document).skipped == {"without a feed URL": 2}


def test_spellings_of_one_feed_are_one_feed() -> None:
    """Issue 13.17: upper-case scheme and host, utm_* and #top made separate sources."""
    document = ('<opml><body><outline text="A" xmlUrl="https://cafe.example.org/feed.xml"/>'
                '<outline text="B" xmlUrl="HTTPS://CAFE.example.org/feed.xml?utm_source=x#top"/>'
                '<outline text="C" xmlUrl="feed://cafe.example.org:80/feed.xml"/>'
                "</body></opml>")
    parsed = parse_opml(document)
    assert parsed.feeds == [OpmlFeed("https://cafe.example.org/feed.xml", "A"),
                            OpmlFeed("http://cafe.example.org/feed.xml", "C")]
    assert parsed.duplicates == 1


@pytest.mark.parametrize("encoding", ["iso-8859-1", "windows-1252"])
def test_a_legacy_encoded_file_is_read_as_declared(encoding: str) -> None:
    """Issue 13.17: a Latin-1 file aborted the import."""
    document = (f'<?xml version="1.0" encoding="{encoding}"?><opml><body>'
                '<outline text="Café" xmlUrl="https://cafe.example.org/feed"/></body></opml>')
    assert parse_opml(document.encode(encoding)).feeds == [
        OpmlFeed("https://cafe.example.org/feed", "Café")]


def test_an_undeclared_legacy_file_is_read_as_windows_1252() -> None:
    document = '<opml><body><outline text="Café “Zéro”" xmlUrl="https://c.example/f"/></body></opml>'
    assert parse_opml(document.encode("windows-1252")).feeds == [
        OpmlFeed("https://c.example/f", "Café “Zéro”")]
