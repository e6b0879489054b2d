"""Polite, bounded async HTTP: the only way newsdigest fetches anything from the web.

Every request goes through `GuardedTransport` (see `safety`), redirects are followed
here one hop at a time (each hop is a new checked request, at most `max_redirects`),
bodies are streamed and cut off at `fetch_max_bytes`, and only HTML, XML, text and JSON
(feeds) are accepted. Feeds are polled with conditional GETs (ETag / Last-Modified), a
304 being a success; `Retry-After` on 429/503 is reported so the poller can honour it.
At most `per_host` requests run against one host at a time.
"""

from __future__ import annotations

import asyncio
import email.utils
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

import httpx

from digests import reasons
from digests.digits import parse_ascii_int
from digests.ingest.decode import decode
from digests.ingest.types import DocumentKind, RawDocument, Rejection
from digests.settings import Settings
from digests.web.safety import (
    AddressPolicy,
    FetchRefused,
    GuardedTransport,
    Resolver,
    UnknownHost,
)
from digests.web.safety import system_resolver as default_resolver
from digests.web.urls import is_http_url

ACCEPT_FEED = ("application/rss+xml, application/atom+xml, application/feed+json, "
               "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5")
ACCEPT_PAGE = "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5, */*;q=0.3"
ALLOWED_TYPES = frozenset({"application/xml", "application/json", "application/feed+json",
                           "application/xhtml+xml", "application/rss+xml",
                           "application/atom+xml", "application/rdf+xml"})
REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 503})
MAX_REDIRECTS = 5
DEFAULT_PER_HOST = 2


class FetchError(Exception):
    """A fetch that did not produce a usable body; `reason` is user-facing.

    `kind` is one of: refused, too-large, unsupported-type, undecodable, http, timeout,
    network, redirects. `retry_after` is in seconds when the server asked us to wait.
    """

    def __init__(self, kind: str, reason: str, *, status: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A response worth reading: 2xx with an allowed body, or 304 Not Modified."""

    url: str
    status: int
    body: bytes
    content_type: str
    charset: str | None
    etag: str | None
    last_modified: str | None
    content_type_header: str = ""
    """The whole `Content-Type`, parameters included: feedparser reads the charset itself."""

    @property
    def not_modified(self) -> bool:
        """True for a 304: the conditional GET found nothing new."""
        return self.status == 304


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), if valid."""
    if not value:
        return None
    value = value.strip()
    seconds = parse_ascii_int(value)
    if seconds is not None:
        return float(seconds)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def media_type(header: str | None) -> tuple[str, str | None]:
    """(media type, charset) from a Content-Type header; ("", None) when absent."""
    if not header:
        return "", None
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return media.strip().lower(), charset


def is_allowed_type(media: str) -> bool:
    """HTML, XML, text and JSON (feeds); an absent type is allowed and decided by decoding."""
    return (not media or media.startswith("text/") or media.endswith("+xml")
            or media in ALLOWED_TYPES)


def decode_body(result: FetchResult) -> str:
    """The body as text: header charset, BOM, `<meta charset>`, UTF-8, then detection.

    Raises:
        FetchError: kind "undecodable" (binary or a broken byte-order mark), with the reason.
    """
    raw = RawDocument(result.url, DocumentKind.HTML, result.body)
    text = decode(raw, charset=result.charset)
    if isinstance(text, Rejection):
        raise FetchError("undecodable", reasons.UNREADABLE_PAGE.format(reason=text.reason))
    return text


def check_link(url: str) -> None:
    """Refuse a link httpx cannot parse, with a reason a person can act on.

    `http://127.000.000.001/` or a host in fullwidth digits passes `urlsplit` but makes
    httpx raise `InvalidURL` (not an `HTTPError`), which used to escape as an internal
    error and page the admins for every pasted link.

    Raises:
        FetchError: kind "refused", naming what is wrong with the link.
    """
    try:
        port = httpx.URL(url).port
    except (httpx.InvalidURL, ValueError, UnicodeError) as error:
        raise FetchError("refused", reasons.REFUSED_LINK.format(error=error)[:300]) from error
    if port is not None and not 0 < port < 65536:
        raise FetchError("refused", reasons.REFUSED_PORT.format(port=port))


class Fetcher:
    """An async HTTP client with the manners and defences above; use `async with`."""

    def __init__(self, settings: Settings, *, policy: AddressPolicy | None = None,
                 resolver: Resolver = default_resolver,
                 transport: httpx.AsyncBaseTransport | None = None,
                 per_host: int = DEFAULT_PER_HOST, max_redirects: int = MAX_REDIRECTS,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        policy = policy or AddressPolicy(allow_private=settings.fetch_allow_private_addresses)
        self.max_bytes = settings.fetch_max_bytes
        self.timeout = settings.fetch_timeout_seconds
        self.max_redirects = max_redirects
        self.clock = clock
        self.requests_sent = 0
        self.conditional_requests = 0
        self._per_host: defaultdict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(per_host))
        guarded = GuardedTransport(policy, resolver=resolver, inner=transport)
        self.client = httpx.AsyncClient(
            transport=guarded, follow_redirects=False, timeout=httpx.Timeout(self.timeout),
            headers={"User-Agent": settings.fetch_user_agent,
                     "Accept-Encoding": "gzip, deflate"})

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close pooled connections."""
        await self.client.aclose()

    async def fetch(self, url: str, *, etag: str | None = None,
                    last_modified: str | None = None,
                    accept: str = ACCEPT_PAGE) -> FetchResult:
        """GET `url`, following redirects hop by hop, each hop checked by the transport.

        Raises:
            FetchError: refused address or scheme, too large, wrong type, HTTP error,
                timeout, network failure or too many redirects; `reason` says which.
        """
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for _hop in range(self.max_redirects + 1):
            if not is_http_url(url):
                raise FetchError("refused", reasons.REFUSED_SCHEME)
            check_link(url)
            result, location = await self._hop(url, headers)
            if result is not None:
                return result
            url = urljoin(url, location or "")
        raise FetchError("redirects", reasons.REDIRECTS.format(count=self.max_redirects))

    async def _hop(self, url: str, headers: dict[str, str]) -> tuple[FetchResult | None,
                                                                      str | None]:
        """One request: a result, or the Location of a redirect to follow."""
        host = httpx.URL(url).netloc.decode("ascii", "replace").lower()
        async with self._per_host[host]:
            self.requests_sent += 1
            if "If-None-Match" in headers or "If-Modified-Since" in headers:
                self.conditional_requests += 1
            try:
                async with asyncio.timeout(self.timeout * 2):
                    return await self._send(url, headers)
            except FetchRefused as error:
                raise FetchError("refused", error.reason) from error
            except TimeoutError as error:
                raise FetchError("timeout", self._timed_out()) from error
            except httpx.TimeoutException as error:
                raise FetchError("timeout", self._timed_out()) from error
            except UnknownHost as error:
                raise FetchError("network", error.reason) from error
            except httpx.HTTPError as error:
                raise FetchError("network", reasons.NO_CONNECTION.format(error=error)) from error
            except httpx.InvalidURL as error:  # raised while sending, e.g. by a redirect
                raise FetchError("refused", reasons.REFUSED_LINK.format(error=error)) from error

    async def _send(self, url: str, headers: dict[str, str]) -> tuple[FetchResult | None,
                                                                       str | None]:
        async with self.client.stream("GET", url, headers=headers) as response:
            status = response.status_code
            if status in REDIRECTS and "location" in response.headers:
                return None, response.headers["location"]
            if status == 304:
                return self._result(url, response, b""), None
            if status >= 400 or status < 200 or status in REDIRECTS:
                retry = (parse_retry_after(response.headers.get("retry-after"), self.clock())
                         if status in RETRY_STATUSES else None)
                phrase = response.reason_phrase.strip()
                reason = (reasons.HTTP_STATUS.format(status=status, phrase=phrase) if phrase
                          else reasons.HTTP_STATUS_BARE.format(status=status))
                raise FetchError("http", reason, status=status, retry_after=retry)
            media, _ = media_type(response.headers.get("content-type"))
            if not is_allowed_type(media):
                raise FetchError("unsupported-type", reasons.NOT_TEXT_PAGE.format(media=media))
            body = await self._read_capped(response)
            return self._result(url, response, body), None

    async def _read_capped(self, response: httpx.Response) -> bytes:
        """The body, decoded by us so the cap applies to decompressed bytes.

        httpx's own decoding (`aiter_bytes`) inflates every stacked `Content-Encoding`
        layer before we could count, so a few KB of nested gzip became gigabytes. Raw
        bytes are read instead, at most one gzip or deflate layer is accepted, and
        inflation stops as soon as the output passes the cap.
        """
        declared = parse_ascii_int(response.headers.get("content-length", ""))
        if declared is not None and declared > self.max_bytes:
            raise FetchError("too-large", self._too_large())
        inflate = _decoder(response.headers.get("content-encoding", ""))
        chunks: list[bytes] = []
        wire = size = 0
        async for raw in response.aiter_raw():
            wire += len(raw)
            if wire > self.max_bytes:
                raise FetchError("too-large", self._too_large())
            for chunk in inflate(raw, self.max_bytes + 1 - size):
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError("too-large", self._too_large())
                chunks.append(chunk)
        return b"".join(chunks)

    def _too_large(self) -> str:
        return reasons.TOO_LARGE_BYTES.format(size=f"{self.max_bytes:,}")

    def _timed_out(self) -> str:
        return reasons.TIMED_OUT.format(seconds=f"{self.timeout:g}")

    @staticmethod
    def _result(url: str, response: httpx.Response, body: bytes) -> FetchResult:
        media, charset = media_type(response.headers.get("content-type"))
        return FetchResult(url=url, status=response.status_code, body=body,
                           content_type=media, charset=charset,
                           etag=response.headers.get("etag"),
                           last_modified=response.headers.get("last-modified"),
                           content_type_header=response.headers.get("content-type", ""))


Inflater = Callable[[bytes, int], Iterator[bytes]]


def _decoder(content_encoding: str) -> Inflater:
    """A bounded decoder for one `Content-Encoding` layer; refuses stacked or unknown ones."""
    layers = [e.strip().lower() for e in content_encoding.split(",")
              if e.strip().lower() not in {"", "identity"}]
    if not layers:
        return lambda data, limit: iter((data,))
    if len(layers) > 1 or layers[0] not in {"gzip", "x-gzip", "deflate"}:
        raise FetchError("unsupported-encoding",
                         reasons.REFUSED_ENCODING.format(encoding=repr(content_encoding)))
    wbits = zlib.MAX_WBITS | 16 if layers[0] in {"gzip", "x-gzip"} else zlib.MAX_WBITS
    inflater = zlib.decompressobj(wbits)

    def inflate(data: bytes, limit: int) -> Iterator[bytes]:
        pending = data
        try:
            while pending:
                out = inflater.decompress(pending, max(limit, 1))
                pending = inflater.unconsumed_tail
                limit -= len(out)
                yield out
                if limit <= 0:
                    return
        except zlib.error as error:
            raise FetchError("undecodable", reasons.CORRUPT_BODY.format(encoding=layers[0],
                                                                      error=error)) from error

    return inflate
