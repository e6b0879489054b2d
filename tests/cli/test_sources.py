"""The CLI end to end: sources, polling, OPML and `ingest URL` against a threaded server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from cli.main import run
from cli.sources import looks_like_url
from tests.web import samples

ROUTES: dict[str, tuple[bytes, str]] = {
    "/feed": (samples.rss(3).encode(), "application/rss+xml"),
    "/atom": (samples.atom(2).encode(), "application/atom+xml"),
    "/one": (samples.rss(1).encode(), "application/rss+xml"),
    "/story": (samples.page("Harbour wall repaired", samples.article_text(5)).encode(),
               "text/html; charset=utf-8"),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        body, content_type = ROUTES.get(path, (b"missing", "text/plain"))
        self.send_response(200 if path in ROUTES else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(autouse=True)
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no developer .env
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("FETCH_ALLOW_PRIVATE_ADDRESSES", "true")


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_sources_lifecycle(server: str, capsys: pytest.CaptureFixture[str],
                           tmp_path: Path) -> None:
    assert cli(capsys, "sources", "add", f"{server}/feed")[0] == 0
    code, _, err = cli(capsys, "sources", "add", f"{server}/feed")
    assert code == 2
    assert "already a source" in err
    assert cli(capsys, "sources", "add", "ftp://x/feed")[0] == 2
    code, out, _ = cli(capsys, "poll")
    assert code == 0
    assert "3 new" in out
    assert cli(capsys, "poll")[1].startswith("0 sources polled")  # not due again yet
    code, out, _ = cli(capsys, "sources", "poll", "--json")
    assert json.loads(out)["outcomes"][0]["stored"] == 0
    code, out, _ = cli(capsys, "sources", "list", "--json")
    [listed] = json.loads(out)
    assert (listed["title"], listed["entries_seen"], listed["failures"]) == ("Example News", 3, 0)
    assert "3 entries" in cli(capsys, "sources", "list")[1]
    opml = tmp_path / "out.opml"
    assert cli(capsys, "sources", "export-opml", str(opml))[0] == 0
    assert cli(capsys, "sources", "remove", f"{server}/feed")[0] == 0
    assert cli(capsys, "sources", "remove", f"{server}/feed")[0] == 2
    assert "1 added" in cli(capsys, "sources", "import-opml", str(opml))[1]
    assert "0 added" in cli(capsys, "sources", "import-opml", str(opml))[1]


def test_one_feed_under_two_spellings_is_one_source(server: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    spelled = server.replace("http://", "HTTP://") + "/feed?utm_source=x#top"
    code, out, _ = cli(capsys, "sources", "add", spelled)
    assert code == 0
    assert f"{server}/feed" in out  # stored in the canonical form, as OPML import does
    code, _, err = cli(capsys, "sources", "add", f"{server}/feed")
    assert code == 2
    assert "already a source" in err
    code, out, _ = cli(capsys, "sources", "list", "--json")
    assert [s["url"] for s in json.loads(out)] == [f"{server}/feed"]
    assert cli(capsys, "sources", "remove", f"{server}/feed#again")[0] == 0


def test_ingest_url_and_files_together(server: str, capsys: pytest.CaptureFixture[str],
                                       tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("A title\n\n" + samples.article_text(11))
    code, out, _ = cli(capsys, "ingest", f"{server}/story?utm_source=x", str(note),
                       f"{server}/nothing")
    assert code == 0
    assert "added: " in out
    assert "rejected" in out
    assert "404" in out
    code, out, _ = cli(capsys, "ingest", f"{server}/story")
    assert "duplicate" in out


def test_ingest_url_refused_without_allowance(server: str, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FETCH_ALLOW_PRIVATE_ADDRESSES", "false")
    code, out, _ = cli(capsys, "ingest", f"{server}/story")
    assert code == 1  # a refused link is an error like an unreadable file (issue 12)
    assert "not a public address" in out


def test_looks_like_url(tmp_path: Path) -> None:
    assert looks_like_url("https://example.com/a")
    assert not looks_like_url("notes/a.txt")


def test_import_opml_in_latin_1_reports_what_it_skipped(capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 13.17: a Latin-1 OPML file exited 2; the report never counted skipped outlines."""
    corpus = Path(__file__).parents[1] / "web" / "corpus" / "subscriptions-latin-1.opml"
    code, out, err = cli(capsys, "sources", "import-opml", str(corpus))
    assert (code, err) == (0, "")
    assert "6 feeds" in out
    assert "6 added" in out
    assert "1 repeated in the file" in out
    assert "2 outlines skipped (1 without a feed URL, 1 not an http(s) feed)" in out
    code, out, _ = cli(capsys, "sources", "list", "--json")
    assert "https://cafe.example.org/feed.xml" in {s["url"] for s in json.loads(out)}


def test_import_opml_refuses_a_device(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "sources", "import-opml", "/dev/zero")
    assert code == 2
    assert "not a regular file" in err


def test_one_of_each_is_counted_in_the_singular(server: str, capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    """Issue 12 ("1 files skipped"): the sources commands said "1 feeds", "1 sources polled",
    "1 entries, 1 new articles"."""
    opml = tmp_path / "one.opml"
    opml.write_text(f'<opml version="2.0"><body><outline text="One" xmlUrl="{server}/one"/>'
                    "</body></opml>", encoding="utf-8")
    code, out, _ = cli(capsys, "sources", "import-opml", str(opml))
    assert code == 0
    assert out.startswith(f"1 feed in {opml}: 1 added"), out
    code, out, _ = cli(capsys, "poll")
    assert code == 0
    assert "1 entry, 1 new" in out
    assert out.splitlines()[-1] == "1 source polled, 1 new article, 0 failed"
