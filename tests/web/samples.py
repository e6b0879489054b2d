"""Feed and page documents for the web tests and the polling benchmark."""

from __future__ import annotations

import json
import random
from html import escape

WORDS = ("council", "budget", "river", "bridge", "school", "teachers", "vote", "harbour",
         "wind", "farm", "energy", "prices", "hospital", "nurses", "strike", "museum",
         "library", "election", "mayor", "rail", "station", "flood", "storm", "science",
         "telescope", "comet", "farmers", "harvest", "drought", "market", "shares", "bank",
         "interest", "rates", "festival", "music", "theatre", "football", "league", "coach",
         "stadium", "police", "court", "judge", "ruling", "climate", "glacier", "ocean",
         "fishing", "port", "trade", "tariff", "minister", "summit", "treaty",)


def article_text(seed: int, paragraphs: int = 3) -> str:
    """A distinct, deterministic article body of about 120 words per paragraph."""
    rng = random.Random(seed)
    out = []
    for _ in range(paragraphs):
        sentences = []
        for _ in range(8):
            words = [rng.choice(WORDS) for _ in range(rng.randint(10, 18))]
            sentences.append(" ".join(words).capitalize() + f" {rng.randint(1, 9999)}.")
        out.append(" ".join(sentences))
    return "\n\n".join(out)


def rss(entries: int, *, seed: int = 0, base: str = "https://news.example.org",
        dates: str = "Sun, 01 Mar 2026 0{h}:00:00 GMT", guid: bool = True,
        title: str = "Example News") -> str:
    items = []
    for i in range(entries):
        body = escape("<p>" + article_text(seed * 1000 + i).replace("\n\n", "</p><p>") + "</p>")
        guid_tag = f'<guid isPermaLink="false">{seed}-{i}</guid>' if guid else ""
        items.append(f"<item><title>Story {seed}-{i}</title>"
                     f"<link>{base}/story/{seed}-{i}?utm_source=rss</link>{guid_tag}"
                     f"<pubDate>{dates.format(h=i % 10)}</pubDate>"
                     f"<description>{body}</description></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>{base}</link><language>en-gb</language>"
            f"<description>d</description>{''.join(items)}</channel></rss>")


def atom(entries: int, *, seed: int = 0, base: str = "https://atom.example.org") -> str:
    items = []
    for i in range(entries):
        body = escape("<p>" + article_text(seed * 1000 + i) + "</p>")
        items.append(f"<entry><title>Atom story {i}</title><id>urn:uuid:{seed}-{i}</id>"
                     f'<link rel="alternate" href="{base}/a/{i}"/>'
                     f"<updated>2026-03-01T0{i % 10}:00:00Z</updated>"
                     f"<author><name>Ada Writer</name></author>"
                     f'<content type="html">{body}</content></entry>')
    return ('<?xml version="1.0" encoding="utf-8"?>'
            '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">'
            f"<title>Atom Times</title><id>urn:atom-times</id>"
            f"<updated>2026-03-01T00:00:00Z</updated>{''.join(items)}</feed>")


def rss1(entries: int, *, seed: int = 0) -> str:
    items = "".join(
        f'<item rdf:about="https://rdf.example.org/{i}"><title>RDF {i}</title>'
        f"<link>https://rdf.example.org/{i}</link>"
        f"<description>{escape(article_text(seed * 1000 + i))}</description></item>"
        for i in range(entries))
    return ('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
            ' xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://rdf.example.org/">'
            "<title>RDF Daily</title><link>https://rdf.example.org/</link>"
            f"<description>d</description></channel>{items}</rdf:RDF>")


def rss091(entries: int, *, seed: int = 0) -> str:
    items = "".join(
        f"<item><title>Old {i}</title><link>https://old.example.org/{i}</link>"
        f"<description>{escape(article_text(seed * 1000 + i))}</description></item>"
        for i in range(entries))
    return ('<?xml version="1.0"?><rss version="0.91"><channel><title>Old School</title>'
            f"<link>https://old.example.org/</link><description>d</description>"
            f"<language>en</language>{items}</channel></rss>")


def json_feed(entries: int, *, seed: int = 0) -> str:
    items = [{"id": f"j{seed}-{i}", "url": f"https://json.example.org/{i}#comments",
              "title": f"JSON story {i}", "content_text": article_text(seed * 1000 + i),
              "date_published": f"2026-03-01T0{i % 10}:00:00Z",
              "authors": [{"name": "Jay Son"}]} for i in range(entries)]
    items.append("not an item")  # type: ignore[arg-type]
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "JSON Post",
                       "language": "en", "items": items})


def page(title: str, text: str, *, canonical: str | None = None,
         author: str = "Pat Reporter") -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n"))
    return (f'<!doctype html><html lang="en"><head><title>{escape(title)}</title>{link}'
            f'<meta name="author" content="{author}">'
            '<meta property="article:published_time" content="2026-02-27T09:30:00Z">'
            f"</head><body><nav>Home | World | Sport</nav><article><h1>{escape(title)}</h1>"
            f"{paragraphs}</article><footer>© Example</footer></body></html>")
