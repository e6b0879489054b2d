"""SSRF defences: which addresses a URL from a stranger may reach, checked at connect time.

The check lives in an httpx transport (`GuardedTransport`), not in front of the client:
the transport resolves the host itself, refuses the request unless every address is
public, and then connects to the address it checked (the request goes to the IP, with
the original `Host` header and TLS server name). A DNS answer that changes between check
and connect (rebinding) therefore cannot reach a private address, and since every
redirect hop is a new request through the same transport, neither can a redirect.

Private addresses are reachable only with `FETCH_ALLOW_PRIVATE_ADDRESSES=true` (tests,
demos), or for an exact `host:port` a test allows while keeping everything else refused.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx

from digests import reasons

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]
"""Resolve (host, port) to IP address strings; injectable so tests never touch DNS."""


class FetchRefused(httpx.TransportError):
    """A request the address policy refuses; `reason` is shown to the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class UnknownHost(httpx.ConnectError):
    """The resolver found no address for a host; `reason` is shown to the user.

    A connection that never started: the fetch reports this reason alone, not under
    "could not connect".
    """

    def __init__(self, host: str, error: str) -> None:
        self.reason = reasons.NO_SUCH_HOST.format(host=host, error=error)
        super().__init__(self.reason)


async def system_resolver(host: str, port: int) -> list[str]:
    """Resolve with the operating system's resolver, off the event loop."""
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise UnknownHost(host, error.strerror or str(error)) from error
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _unmapped(address: IPAddress) -> IPAddress:
    """The IPv4 address inside an IPv4-mapped, NAT64 or 6to4 IPv6 address, else itself."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address in ipaddress.IPv6Network("64:ff9b::/96"):
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if address.sixtofour is not None:
            return address.sixtofour
    return address


def is_public_address(address: IPAddress) -> bool:
    """True for globally routable unicast addresses only.

    Refuses loopback, private (RFC 1918, ULA), link-local (incl. 169.254.169.254 cloud
    metadata), multicast, reserved, unspecified, shared (100.64/10) and documentation
    ranges, also when wrapped in IPv4-mapped, NAT64 or 6to4 IPv6 addresses.
    """
    inner = _unmapped(address)
    mapped = isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None
    for candidate in {inner} if mapped else {address, inner}:
        if (candidate.is_loopback or candidate.is_private or candidate.is_link_local
                or candidate.is_multicast or candidate.is_reserved
                or candidate.is_unspecified or not candidate.is_global):
            return False
    return True


@dataclass(frozen=True, slots=True)
class AddressPolicy:
    """What may be reached: public addresses, plus private ones only when allowed.

    `allowed_origins` holds exact "host:port" pairs reachable even when private
    addresses are not (a test's local server as the first hop of a redirect).
    """

    allow_private: bool = False
    allowed_origins: frozenset[str] = field(default_factory=frozenset)

    def permits(self, host: str, port: int, address: IPAddress) -> bool:
        """Whether connecting to `address` for `host:port` is allowed."""
        if self.allow_private or f"{host}:{port}" in self.allowed_origins:
            return True
        return is_public_address(address)


def _literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


async def checked_address(host: str, port: int, policy: AddressPolicy,
                          resolver: Resolver) -> IPAddress:
    """The address to connect to for `host:port`, after checking every address it has.

    Raises:
        FetchRefused: any resolved address is not allowed (one bad answer is enough:
            an attacker controls the order of round-robin records).
    """
    literal = _literal(host)
    addresses = [literal] if literal is not None else [
        address for text in await resolver(host, port) if (address := _literal(text))
    ]
    if not addresses:
        raise FetchRefused(reasons.NO_ADDRESS.format(host=host))
    for address in addresses:
        if not policy.permits(host, port, address):
            shown = host if literal is not None else f"{host} ({address})"
            raise FetchRefused(reasons.REFUSED_PRIVATE.format(host=shown))
    return addresses[0]


class GuardedTransport(httpx.AsyncBaseTransport):
    """An httpx transport that checks the destination and connects to the checked IP."""

    def __init__(self, policy: AddressPolicy, *, resolver: Resolver = system_resolver,
                 inner: httpx.AsyncBaseTransport | None = None) -> None:
        self.policy = policy
        self.resolver = resolver
        self.inner = inner or httpx.AsyncHTTPTransport(retries=0)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Refuse non-http(s) and disallowed addresses, then send to the pinned IP."""
        url = request.url
        if url.scheme not in ("http", "https"):
            raise FetchRefused(reasons.REFUSED_SCHEME_NAMED.format(scheme=url.scheme))
        host = url.host
        port = url.port or (443 if url.scheme == "https" else 80)
        address = await checked_address(host, port, self.policy, self.resolver)
        request.url = url.copy_with(host=str(address))
        if url.scheme == "https":
            request.extensions = {**request.extensions, "sni_hostname": host}
        if "host" not in request.headers:
            request.headers["Host"] = url.netloc.decode("ascii")
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        """Close the wrapped transport's connections."""
        await self.inner.aclose()
