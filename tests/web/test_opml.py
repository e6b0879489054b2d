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
    assert parse_opml(NESTED) == [OpmlFeed("https://a.example/feed", "A & B"),
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
    assert parse_opml(document) == [OpmlFeed("https://x.example/f", "F")]


def test_export_round_trips_and_escapes() -> None:
    feeds = [OpmlFeed("https://a.example/feed?x=1&y=2", 'A <"B">'), OpmlFeed("https://c/f")]
    document = export_opml(feeds, now=datetime(2026, 3, 1, tzinfo=UTC))
    assert "Sun, 01 Mar 2026" in document
    assert parse_opml(document) == [OpmlFeed("https://a.example/feed?x=1&y=2", 'A <"B">'),
                                    OpmlFeed("https://c/f", "https://c/f")]
