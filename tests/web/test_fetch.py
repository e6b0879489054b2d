"""The fetcher against a real local HTTP server (the test allowance is on)."""

from __future__ import annotations

import asyncio
import socket
from datetime import UTC, datetime

import pytest
from aiohttp import web

from digests.settings import Settings
from digests.web.fetch import (
    ACCEPT_FEED,
    Fetcher,
    FetchError,
    FetchResult,
    decode_body,
    parse_retry_after,
)
from tests.web.conftest import LocalSite

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


async def fail(fetcher: Fetcher, url: str) -> FetchError:
    with pytest.raises(FetchError) as caught:
        await fetcher.fetch(url)
    return caught.value


async def test_plain_get_sends_user_agent(local_settings: Settings, site: LocalSite) -> None:
    url = site.serve("/a", "<p>hello</p>", "text/html; charset=utf-8")
    async with Fetcher(local_settings) as fetcher:
        result = await fetcher.fetch(url)
    assert (result.status, result.body, result.content_type, result.charset) == (
        200, b"<p>hello</p>", "text/html", "utf-8")
    assert site.seen[0].headers["User-Agent"] == local_settings.fetch_user_agent


async def test_conditional_get_304_round(local_settings: Settings, site: LocalSite) -> None:
    async def feed(request: web.Request) -> web.StreamResponse:
        if request.headers.get("If-None-Match") == '"v1"':
            return web.Response(status=304)
        return web.Response(body=b"<rss/>", headers={
            "Content-Type": "application/rss+xml", "ETag": '"v1"',
            "Last-Modified": "Sun, 01 Mar 2026 10:00:00 GMT"})

    url = site.route("/feed", feed)
    async with Fetcher(local_settings) as fetcher:
        first = await fetcher.fetch(url, accept=ACCEPT_FEED)
        second = await fetcher.fetch(url, etag=first.etag, last_modified=first.last_modified)
    assert not first.not_modified
    assert first.etag == '"v1"'
    assert second.not_modified
    assert second.body == b""
    sent = site.hits("/feed")[1].headers
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == "Sun, 01 Mar 2026 10:00:00 GMT"
    assert fetcher.conditional_requests == 1


@pytest.mark.parametrize(("header", "seconds"), [("120", 120.0),
                                                 ("Sun, 01 Mar 2026 12:05:00 GMT", 300.0)])
async def test_503_reports_retry_after(local_settings: Settings, site: LocalSite,
                                       header: str, seconds: float) -> None:
    url = site.serve("/busy", "busy", "text/plain", status=503, headers={"Retry-After": header})
    async with Fetcher(local_settings, clock=lambda: NOW) as fetcher:
        error = await fail(fetcher, url)
    assert (error.kind, error.status, error.retry_after) == ("http", 503, seconds)


@pytest.mark.parametrize("header", ["²", "١٢٠", "１２０", "-5", "1.5", "120 "])
async def test_a_hostile_retry_after_is_ignored_not_a_crash(
        local_settings: Settings, site: LocalSite, header: str) -> None:
    url = site.serve("/busy", "busy", "text/plain", status=503, headers={"Retry-After": header})
    async with Fetcher(local_settings, clock=lambda: NOW) as fetcher:
        error = await fail(fetcher, url)
    expected = 120.0 if header == "120 " else None  # only ASCII delta-seconds count
    assert (error.kind, error.status, error.retry_after) == ("http", 503, expected)


def test_parse_retry_after_rejects_garbage() -> None:
    for hostile in ("²", "٣", "１", "³⁴", "+5", "1_000"):
        assert parse_retry_after(hostile, NOW) is None
    assert parse_retry_after("soon", NOW) is None
    assert parse_retry_after(None, NOW) is None
    assert parse_retry_after("Sun, 01 Mar 2026 11:00:00 GMT", NOW) == 0.0


async def test_redirect_chain_is_followed(local_settings: Settings, site: LocalSite) -> None:
    site.redirect("/r1", "/r2", 301)
    site.redirect("/r2", site.url("/r3"), 307)
    site.redirect("/r3", "/final?x=1", 308)
    site.serve("/final", "<p>arrived</p>")
    async with Fetcher(local_settings) as fetcher:
        result = await fetcher.fetch(site.url("/r1"))
    assert result.body == b"<p>arrived</p>"
    assert result.url == site.url("/final?x=1")
    assert [s.path for s in site.seen] == ["/r1", "/r2", "/r3", "/final?x=1"]


async def test_too_many_redirects(local_settings: Settings, site: LocalSite) -> None:
    site.redirect("/loop", "/loop")
    async with Fetcher(local_settings, max_redirects=3) as fetcher:
        error = await fail(fetcher, site.url("/loop"))
    assert error.kind == "redirects"
    assert len(site.hits("/loop")) == 4


async def test_oversize_body_declared(local_settings: Settings, site: LocalSite) -> None:
    url = site.serve("/big", b"x" * (local_settings.fetch_max_bytes + 1), "text/plain")
    async with Fetcher(local_settings) as fetcher:
        error = await fail(fetcher, url)
    assert error.kind == "too-large"
    assert "too large" in error.reason


async def test_oversize_body_streamed_without_length(local_settings: Settings,
                                                     site: LocalSite) -> None:
    sent: list[int] = []

    async def endless(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        response.enable_chunked_encoding()
        await response.prepare(request)
        try:
            for _ in range(1000):  # 64 MB if nobody stops reading
                await response.write(b"a" * 65536)
                sent.append(1)
        except (ConnectionResetError, ConnectionError):
            pass
        return response

    url = site.route("/endless", endless)
    async with Fetcher(local_settings) as fetcher:
        error = await fail(fetcher, url)
    assert error.kind == "too-large"
    assert len(sent) < 1000


@pytest.mark.parametrize("content_type", ["image/png", "application/octet-stream",
                                          "application/pdf", "video/mp4"])
async def test_binary_types_are_refused(local_settings: Settings, site: LocalSite,
                                        content_type: str) -> None:
    url = site.serve("/bin", b"\x89PNG\r\n\x1a\n\x00\x00", content_type)
    async with Fetcher(local_settings) as fetcher:
        error = await fail(fetcher, url)
    assert error.kind == "unsupported-type"
    assert content_type in error.reason


async def test_binary_body_behind_text_type_is_undecodable(local_settings: Settings,
                                                           site: LocalSite) -> None:
    url = site.serve("/lie", b"\x00\x01\x02binary\x00", "text/html")
    async with Fetcher(local_settings) as fetcher:
        result = await fetcher.fetch(url)
    with pytest.raises(FetchError) as caught:
        decode_body(result)
    assert caught.value.kind == "undecodable"
    assert "binary" in caught.value.reason


def test_decode_body_uses_declared_charset_then_detection() -> None:
    def result(body: bytes, charset: str | None) -> FetchResult:
        return FetchResult("http://x/", 200, body, "text/html", charset, None, None)

    assert decode_body(result("héllo".encode("latin-1"), "iso-8859-1")) == "héllo"
    assert decode_body(result("привет мир".encode(), None)) == "привет мир"
    assert decode_body(result("привет мир".encode(), "no-such-charset")) == "привет мир"


async def test_http_errors_are_reported(local_settings: Settings, site: LocalSite) -> None:
    async with Fetcher(local_settings) as fetcher:
        error = await fail(fetcher, site.url("/missing"))
    assert (error.kind, error.status, error.retry_after) == ("http", 404, None)


async def test_per_host_concurrency_is_bounded(local_settings: Settings,
                                               site: LocalSite) -> None:
    in_flight = 0
    peak = 0

    async def slow(_request: web.Request) -> web.StreamResponse:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.02)  # hold the request open so overlap would show
        in_flight -= 1
        return web.Response(text="ok")

    url = site.route("/slow", slow)
    async with Fetcher(local_settings, per_host=2) as fetcher:
        await asyncio.gather(*(fetcher.fetch(url) for _ in range(8)))
    assert peak == 2


async def test_ipv6_literal_is_pinned_correctly(local_settings: Settings) -> None:
    """The guarded transport rewrites the URL to the checked IP; IPv6 needs brackets."""
    if not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    app = web.Application()

    async def hello(_request: web.Request) -> web.StreamResponse:
        return web.Response(text="six", headers={"Content-Type": "text/plain"})

    app.router.add_get("/", hello)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, "::1", 0)
        await site.start()
    except OSError:
        await runner.cleanup()
        pytest.skip("cannot listen on ::1")
    port = runner.addresses[0][1]
    try:
        async with Fetcher(local_settings) as fetcher:
            result = await fetcher.fetch(f"http://[::1]:{port}/")
        assert result.body == b"six"
    finally:
        await runner.cleanup()


async def test_gzip_bodies_are_capped_after_inflating(local_settings: Settings,
                                                      site: LocalSite) -> None:
    """Regression: nested gzip of a few KB inflated to gigabytes before the cap applied."""
    import gzip

    page = b"<html><body><p>Harbour news.</p></body></html>"
    plain = site.serve("/gz", gzip.compress(page), "text/html",
                       headers={"Content-Encoding": "gzip"})
    bomb = gzip.compress(b"\0" * (local_settings.fetch_max_bytes * 20))
    one_layer = site.serve("/bomb", bomb, "text/html", headers={"Content-Encoding": "gzip"})
    nested = site.serve("/nested", gzip.compress(bomb), "text/html",
                        headers={"Content-Encoding": "gzip, gzip"})
    corrupt = site.serve("/corrupt", b"not gzip at all", "text/html",
                         headers={"Content-Encoding": "gzip"})
    async with Fetcher(local_settings) as fetcher:
        assert (await fetcher.fetch(plain)).body == page
        assert (await fail(fetcher, one_layer)).kind == "too-large"
        assert (await fail(fetcher, nested)).kind == "unsupported-encoding"
        assert (await fail(fetcher, corrupt)).kind == "undecodable"
