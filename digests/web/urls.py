"""Canonical URLs, so the same article is recognised from any link to it.

Links arrive decorated: tracking parameters (`utm_*`, `fbclid`, ...), fragments, AMP
variants (`/amp/`, `?amp=1`, `amp.` hosts), default ports, upper-case hosts. Stripping
them gives one key per article for the store's canonical-URL identity. A page's own
`<link rel=canonical>` beats any guess, as long as it is an http(s) URL.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from publicsuffixlist import PublicSuffixList

TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "twclid", "igshid", "mc_cid",
    "mc_eid", "_ga", "_gl", "ref_src", "ref_url", "cmpid", "ncid", "ocid", "spm",
    "wt.mc_id", "s_cid", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "amp",
    "outputtype", "__twitter_impression",
})
TRACKING_PREFIXES = ("utm_", "hsa_", "pk_", "mtm_", "itm_")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_AMP_SEGMENT = re.compile(r"(?:^|/)amp(?:/|$)|\.amp(?:\.html?)?$|/amp\.html?$", re.IGNORECASE)
_CANONICAL_TAG = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_HEAD_CHARS = 200_000
#: Fragments that point at a page's own furniture, not at one item on it: a feed entry
#: linking `story#top` or `story#comments` is still the story.
NAVIGATION_FRAGMENTS = frozenset({
    "top", "main", "content", "maincontent", "main-content", "skip", "skip-link", "start",
    "body", "page", "article", "post", "entry", "story", "header", "footer", "nav", "home",
    "comments", "comment", "respond", "reply", "disqus_thread", "commentform", "more",
    "readmore", "read-more", "continue", "full-story", "share", "title",
})


def is_http_url(url: str) -> bool:
    """True for absolute http(s) URLs with a host; the only ones we ever fetch."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in _DEFAULT_PORTS and bool(parts.hostname)


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def _strip_amp_path(path: str) -> str:
    path = re.sub(r"/amp(?=/|$)", "", path, flags=re.IGNORECASE)
    path = re.sub(r"\.amp(\.html?)?$", r"\1", path, flags=re.IGNORECASE)
    path = re.sub(r"/amp\.html?$", "/", path, flags=re.IGNORECASE)
    return path or "/"


def canonicalize_url(url: str) -> str:
    """The canonical form of an http(s) URL; other strings come back stripped, unchanged.

    Lower-cases scheme and host, drops default ports, userinfo, fragments, tracking
    parameters and AMP markers; keeps the order of the remaining query parameters (some
    sites route on it) and the path's case (paths are case-sensitive).
    """
    url = url.strip()
    if not is_http_url(url):
        return url
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("amp."):
        host = host[len("amp."):]
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = parts.path or "/"
    if _AMP_SEGMENT.search(path):
        path = _strip_amp_path(path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _is_tracking(k)]
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def canonical_feed_url(url: str) -> str:
    """One spelling per feed, so a subscription list cannot hold the same feed twice.

    Like `canonicalize_url` (lower-case scheme and host, no default port, fragment or
    tracking parameters), but a feed is fetched, not only recognised: the path is kept as
    written (no AMP guessing), credentials in the userinfo stay (some feeds need them) and
    non-ASCII characters are percent-encoded, as a client sends them. A URL with a port that
    cannot be (``:99999``) is left as written, for the first fetch to refuse with its reason:
    dropping the port would subscribe to the feed on the default port, not the one typed.
    """
    url = url.strip()
    if not is_http_url(url):
        return url
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:  # out of range or not a number: no other port is the one meant
        return url
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    userinfo = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else ""
    if userinfo:
        netloc = f"{userinfo}@{netloc}"
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _is_tracking(k)]
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def identity_fragment(fragment: str) -> str | None:
    """The fragment, when it addresses one item on a page rather than the page itself.

    Navigation anchors (`#top`, `#comments`, see `NAVIGATION_FRAGMENTS`), text fragments
    (`#:~:text=`) and parameter-like fragments (`#xtor=RSS-1`, analytics tags) name the page;
    anything else (`#post-3`, `#update-1412`, `#!/item/9`) names a part of it.
    """
    fragment = fragment.strip()
    if not fragment or ":~:" in fragment or "=" in fragment:
        return None
    return None if fragment.lower() in NAVIGATION_FRAGMENTS else fragment


def identity_url(url: str) -> str:
    """`canonicalize_url`, keeping a fragment that names one item on the page.

    Feed entries without a GUID are known by their link, and some feeds (live blogs,
    daily briefings, changelogs) link every entry to the same page with its own anchor:
    dropping the fragment would give them one identity and one row, rewritten by each
    entry in turn on every poll. The rule depends on the link alone, never on the other
    entries in the document: a live blog's anchors leave the feed one by one, and a rule
    that kept a fragment only while a sibling shared the page would re-key the survivors.
    A navigation anchor (`story#top`) names the page, so that link still meets the plain
    URL from a pasted link or another feed.
    """
    canonical = canonicalize_url(url)
    if not is_http_url(url):
        return canonical
    fragment = identity_fragment(urlsplit(url.strip()).fragment)
    return f"{canonical}#{fragment}" if fragment else canonical


def canonical_link(html: str, base_url: str) -> str | None:
    """The page's `<link rel=canonical href=...>`, absolute and canonicalized, if usable."""
    for tag in _CANONICAL_TAG.findall(html[:_HEAD_CHARS]):
        attrs = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
                 for m in _ATTR.finditer(tag)}
        if "canonical" not in attrs.get("rel", "").lower().split():
            continue
        href = attrs.get("href", "").strip()
        if not href:
            continue
        absolute = urljoin(base_url, href)
        if is_http_url(absolute) and same_site(absolute, base_url):
            return canonicalize_url(absolute)
    return None


@functools.cache
def _suffixes() -> PublicSuffixList:
    """The Public Suffix List shipped inside `publicsuffixlist` (read once, never fetched)."""
    return PublicSuffixList()


def site_of(url: str) -> str:
    """The registrable domain of a URL's host (``bbc.co.uk`` for ``news.bbc.co.uk``).

    From the Public Suffix List, private section included, so ``someone.github.io`` is its
    own site rather than part of ``github.io``. An IP address, or a host that is itself a
    public suffix or has none (``localhost``), is only ever its own site.
    """
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return _suffixes().privatesuffix(host) or host
    return host


def same_site(url: str, other: str) -> bool:
    """Whether two URLs share a registrable domain (``news.bbc.co.uk``, ``www.bbc.co.uk``).

    A page may only name a canonical URL on its own site: otherwise any page could claim
    to be another outlet's article and have its text stored (or updated) under that URL.
    """
    site = site_of(url)
    return bool(site) and site == site_of(other)
