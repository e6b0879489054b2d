"""SSRF defences with the test allowance OFF: nothing private is ever reached."""

from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from digests.settings import Settings
from digests.web.fetch import Fetcher, FetchError
from digests.web.safety import AddressPolicy, is_public_address
from tests.web.conftest import LocalSite

Resolver = Callable[[str, int], Awaitable[list[str]]]


@pytest.fixture
def strict_settings(tmp_path: Path) -> Settings:
    settings = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    assert settings.fetch_allow_private_addresses is False  # the default
    return settings


def fake_dns(table: dict[str, list[str]]) -> Resolver:
    async def resolve(host: str, _port: int) -> list[str]:
        return table[host]

    return resolve


async def refused(fetcher: Fetcher, url: str) -> str:
    with pytest.raises(FetchError) as caught:
        await fetcher.fetch(url)
    assert caught.value.kind == "refused", caught.value.reason
    return caught.value.reason


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://[::1]/", "http://10.0.0.1/", "http://169.254.169.254/",
    "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "http://[fd00::1]/",
    "http://192.168.1.1:8080/admin", "http://100.64.0.1/", "http://224.0.0.1/",
])
async def test_private_literals_are_refused(strict_settings: Settings, url: str) -> None:
    async with Fetcher(strict_settings, resolver=fake_dns({})) as fetcher:
        reason = await refused(fetcher, url)
    assert "not a public address" in reason
    assert fetcher.requests_sent == 1


async def test_public_looking_name_resolving_to_private_is_refused(
        strict_settings: Settings) -> None:
    dns = fake_dns({"news.example.com": ["10.9.8.7"],
                    "mixed.example.com": ["93.184.216.34", "127.0.0.1"]})
    async with Fetcher(strict_settings, resolver=dns) as fetcher:
        assert "10.9.8.7" in await refused(fetcher, "https://news.example.com/story")
        assert "127.0.0.1" in await refused(fetcher, "http://mixed.example.com/")


@pytest.mark.parametrize("scheme_url", ["ftp://example.com/f", "file:///etc/passwd",
                                        "gopher://example.com/"])
async def test_only_http_and_https(strict_settings: Settings, scheme_url: str) -> None:
    async with Fetcher(strict_settings, resolver=fake_dns({})) as fetcher:
        assert "http" in await refused(fetcher, scheme_url)


@pytest.mark.parametrize("target", ["http://10.0.0.1/secret", "http://127.0.0.2:{port}/x",
                                    "http://[::1]:{port}/x",
                                    "http://169.254.169.254/latest/meta-data/"])
async def test_redirect_from_allowed_to_private_is_refused(
        strict_settings: Settings, site: LocalSite, target: str) -> None:
    port = site.base.rsplit(":", 1)[1]
    first = site.redirect("/go", target.format(port=port))
    site.serve("/x", "<p>must never be served</p>")
    policy = AddressPolicy(allowed_origins=frozenset({f"127.0.0.1:{port}"}))
    async with Fetcher(strict_settings, policy=policy, resolver=fake_dns({})) as fetcher:
        await refused(fetcher, first)
    assert [s.path for s in site.seen] == ["/go"]


async def test_connection_is_pinned_to_the_checked_address(
        strict_settings: Settings, site: LocalSite) -> None:
    """The transport connects to the IP it checked: `feeds.invalid` has no DNS at all.

    If httpx resolved the name again at connect time (the DNS-rebinding window), this
    request could not reach the server.
    """
    port = site.base.rsplit(":", 1)[1]
    site.serve("/feed", "<p>ok</p>")
    calls: list[str] = []

    async def resolve(host: str, _port: int) -> list[str]:
        calls.append(host)
        return ["127.0.0.1"]

    policy = AddressPolicy(allowed_origins=frozenset({f"feeds.invalid:{port}"}))
    async with Fetcher(strict_settings, policy=policy, resolver=resolve) as fetcher:
        result = await fetcher.fetch(f"http://feeds.invalid:{port}/feed")
    assert result.body == b"<p>ok</p>"
    assert calls == ["feeds.invalid"]
    assert site.seen[0].headers["Host"] == f"feeds.invalid:{port}"


@pytest.mark.parametrize(("address", "public"), [
    ("8.8.8.8", True), ("2606:4700:4700::1111", True), ("93.184.216.34", True),
    ("127.0.0.1", False), ("10.0.0.1", False), ("172.16.5.4", False), ("192.168.0.1", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False),
    ("224.0.0.1", False), ("240.0.0.1", False), ("255.255.255.255", False),
    ("192.0.2.1", False), ("::1", False), ("::", False), ("fe80::1", False),
    ("fc00::1", False), ("ff02::1", False), ("::ffff:127.0.0.1", False),
    ("::ffff:10.0.0.1", False), ("64:ff9b::a00:1", False), ("2002:a00:1::", False),
    ("::ffff:8.8.8.8", True),
])
def test_is_public_address(address: str, public: bool) -> None:
    assert is_public_address(ipaddress.ip_address(address)) is public
