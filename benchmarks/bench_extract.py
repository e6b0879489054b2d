"""Extraction quality through the whole fetch path, in UTF-8 and in a legacy encoding.

    .venv/bin/python benchmarks/bench_extract.py [--pages 60] [--seed 13]

Generates news pages (navigation, related links, share prompts, a footer and a reader
comment around 3-7 article paragraphs in French, German or Spanish; every third page
has a 70 KB inline script in its head *before* its `<meta charset>`, so the declaration
sits past the first 64 KB, where the old decoder stopped looking: issue 13.13's bug),
serves each twice from a local aiohttp server:

- **utf-8**: `Content-Type: text/html; charset=utf-8`, `<meta charset="utf-8">`;
- **windows-1252**: the same page encoded as windows-1252, declared **only** by
  `<meta charset="windows-1252">` (the header says `text/html`).

Each page is stored through the project (`ingest_link`: fetcher, decoding, trafilatura,
normalization, the store) and the stored text is scored against the paragraphs we wrote
(bag-of-words F1, lower-cased); trafilatura is called directly on the served bytes
(`trafilatura.extract`, which decodes them itself) and scored the same way, after
dropping a first line that repeats the title (the project keeps the title apart). The issue's
bar (13, "Done when"): the project's F1 equals trafilatura's in both encodings, and no
page is rejected.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import statistics
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import trafilatura
from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from digests.settings import Settings
from digests.store import open_store
from digests.web.fetch import Fetcher
from digests.web.links import ingest_link

WORDS = {
    "fr": ("le conseil municipal a adopté mercredi budget l’année prochaine après débat "
           "coût réparations vieux pont maire équilibre économies habitant hausse dépenses "
           "éducation opposition projet jugé prudent vote préfecture élèves théâtre "
           "bibliothèque été hiver forêt rivière château première ministre député"),
    "de": ("die Stadtwerke haben Dienstag höhere Preise Fernwärme angekündigt Kosten Gas "
           "Winter gestiegen Geschäftsführerin Härtefallregelungen Haushalte Einkommen "
           "Verbraucherschützer kritisierten Frist Änderung gilt März Bürger Straße Brücke "
           "Schüler Lehrer Übung Größe grün schön während über für"),
    "es": ("el ayuntamiento aprobó miércoles presupuesto año próximo después debate coste "
           "reparación puente alcaldesa equilibrio ahorro habitante educación oposición "
           "votación niños campaña señal diseño pequeño mañana región población según"),
}
#: How far the decoder used to look for a declaration (issue 13.13).
OLD_SNIFF_BYTES = 64_000
BOILERPLATE = ("<nav><ul><li><a href='/'>Accueil</a></li><li><a href='/monde'>Monde</a></li>"
               "<li><a href='/sport'>Sport</a></li><li><a href='/culture'>Culture</a></li>"
               "</ul></nav>")


@dataclass(frozen=True)
class Page:
    """One generated page: its HTML (any encoding declared inside) and the true text."""

    title: str
    paragraphs: tuple[str, ...]
    language: str
    filler: bool

    def html(self, charset: str) -> str:
        script = (f"<script>window.analytics = '{'x' * 70_000}';</script>"
                  if self.filler else "")
        body = "".join(f"<p>{p}</p>" for p in self.paragraphs)
        related = "".join(f"<li><a href='/r/{i}'>Autre article {i}</a></li>" for i in range(6))
        return (f'<!DOCTYPE html><html lang="{self.language}"><head>'
                f'{script}<meta charset="{charset}"><title>{self.title}</title></head>'
                f"<body>{BOILERPLATE}<main><article><h1>{self.title}</h1>{body}</article>"
                f"<aside><h2>À lire aussi</h2><ul>{related}</ul></aside>"
                "<div class='share'>Partager sur Facebook · Twitter · E-mail</div></main>"
                "<section class='comments'><h3>Commentaires</h3><div class='comment'>"
                "<p>Très bon article, merci !</p></div></section>"
                "<footer><p>© 2026 Exemple Média — Mentions légales — Contact</p></footer>"
                "</body></html>")


def make_pages(count: int, seed: int) -> list[Page]:
    """Deterministic pages: the same arguments always give the same bytes."""
    rng = random.Random(seed)
    pages = []
    for number in range(count):
        language = ("fr", "de", "es")[number % 3]
        vocabulary = WORDS[language].split()
        paragraphs = []
        for _ in range(rng.randint(3, 7)):
            sentences = [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(9, 20)))
                         .capitalize() + f" {rng.randint(1, 999)} €." for _ in range(4)]
            paragraphs.append(" ".join(sentences))
        title = " ".join(rng.choice(vocabulary) for _ in range(6)).capitalize()
        pages.append(Page(f"{title} ({number})", tuple(paragraphs), language, number % 3 == 0))
    return pages


_TOKEN = re.compile(r"\w+")


def f1(found: str | None, truth: str) -> float:
    """Bag-of-words F1 of `found` against `truth` (0 when nothing was extracted)."""
    got = Counter(_TOKEN.findall((found or "").lower()))
    want = Counter(_TOKEN.findall(truth.lower()))
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(got.values()), overlap / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def without_title(text: str | None, title: str) -> str | None:
    """trafilatura's text without a first line repeating the title, as the project stores it."""
    if text is None:
        return None
    first, _, rest = text.partition("\n")
    return rest if first.strip() == title.strip() else text


ENCODINGS = (("utf-8", "text/html; charset=utf-8"), ("windows-1252", "text/html"))


async def serve(pages: list[Page]) -> tuple[web.AppRunner, str, dict[str, bytes]]:
    bodies: dict[str, bytes] = {}
    types: dict[str, str] = {}
    for number, page in enumerate(pages):
        for encoding, content_type in ENCODINGS:
            path = f"/{encoding}/{number}.html"
            bodies[path] = page.html(encoding).encode(encoding)
            types[path] = content_type

    async def handler(request: web.Request) -> web.StreamResponse:
        return web.Response(body=bodies[request.path],
                            headers={"Content-Type": types[request.path]})

    app = web.Application()
    app.router.add_get("/{encoding}/{page}", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, f"http://127.0.0.1:{runner.addresses[0][1]}", bodies


async def measure(pages: list[Page]) -> list[tuple[str, int, float, float, int, int]]:
    runner, base, bodies = await serve(pages)
    rows = []
    try:
        for encoding, _ in ENCODINGS:
            # A store per encoding: the second copy of a text would be a duplicate of the
            # first, and reading the original back would hide a decoding error.
            with tempfile.TemporaryDirectory() as folder:
                settings = Settings(_env_file=None, data_dir=Path(folder),  # type: ignore[call-arg]
                                    fetch_allow_private_addresses=True)
                store = open_store(settings.resolved_database_url())
                async with Fetcher(settings) as fetcher:
                    ours, theirs, rejected, equal = [], [], 0, 0
                    for number, page in enumerate(pages):
                        truth = "\n".join(page.paragraphs)
                        path = f"/{encoding}/{number}.html"
                        result = await ingest_link(store, settings, base + path,
                                                   fetcher=fetcher)
                        article = (store.get_article(result.article_id)
                                   if result.article_id is not None else None)
                        rejected += article is None
                        score = f1(article.text if article else None, truth)
                        direct = f1(without_title(trafilatura.extract(
                            bodies[path], include_comments=False), page.title), truth)
                        ours.append(score)
                        theirs.append(direct)
                        equal += abs(score - direct) < 1e-9
                    rows.append((encoding, len(pages), statistics.mean(ours),
                                 statistics.mean(theirs), rejected, equal))
                store.close()
    finally:
        await runner.cleanup()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    pages = make_pages(args.pages, args.seed)
    late = sum(1 for page in pages
               if b"<meta charset" not in page.html("windows-1252").encode("windows-1252")
               [:OLD_SNIFF_BYTES])
    print(f"{late} of {len(pages)} pages declare their charset past the first "
          f"{OLD_SNIFF_BYTES:,} bytes\n")
    rows = asyncio.run(measure(pages))
    print("| encoding | pages | newsdigest F1 | trafilatura F1 | rejected | equal F1 |")
    print("|---|---|---|---|---|---|")
    for encoding, count, ours, theirs, rejected, equal in rows:
        print(f"| {encoding} | {count} | {ours:.4f} | {theirs:.4f} | {rejected} | "
              f"{equal}/{count} |")


if __name__ == "__main__":
    main()
