"""Write the corpus files (run once; the bytes are committed): `python make_corpus.py`.

Small, real-world-shaped feeds and pages written by us in the encodings real servers
send, each with what it should read as in `manifest.json`.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

HERE = Path(__file__).parent
PARAGRAPHS = {
    "fr": ["Le conseil municipal a adopté mercredi le budget de l’année prochaine, après "
           "un débat de quatre heures sur le coût des réparations du vieux pont.",
           "« Nous avons trouvé un équilibre », a déclaré la maire, qui prévoit 12 € "
           "d’économies par habitant et une hausse modérée des dépenses d’éducation.",
           "L’opposition a critiqué un projet jugé trop prudent ; le vote final aura lieu "
           "à la fin du mois, après l’avis de la préfecture."],
    "de": ["Die Stadtwerke haben am Dienstag höhere Preise für Fernwärme angekündigt, "
           "nachdem die Kosten für Gas im Winter deutlich gestiegen waren.",
           "„Wir geben nur weiter, was wir selbst zahlen“, sagte die Geschäftsführerin "
           "und versprach Härtefallregelungen für Haushalte mit geringem Einkommen.",
           "Verbraucherschützer kritisierten die kurze Frist; die Änderung gilt ab März."],
    "ru": ["Городской совет в среду утвердил бюджет на следующий год после долгих "
           "споров о стоимости ремонта старого моста через реку.",
           "«Мы нашли равновесие», — заявила мэр, пообещав сократить расходы на "
           "содержание администрации и увеличить финансирование школ.",
           "Оппозиция назвала проект слишком осторожным; окончательное голосование "
           "пройдёт в конце месяца."],
    "ja": ["市議会は水曜日、古い橋の修理費用をめぐる長い議論の末、来年度の予算案を可決した。",
           "市長は「均衡の取れた予算だ」と述べ、学校への支出を増やすと約束した。",
           "野党は慎重すぎる案だと批判しており、最終的な採決は月末に行われる。"],
}
TITLES = {"fr": "Le budget municipal adopté après un long débat",
          "de": "Stadtwerke erhöhen die Preise für Fernwärme",
          "ru": "Совет утвердил городской бюджет",
          "ja": "市議会、来年度予算案を可決"}


def page(language: str, head_meta: str, *, filler: int = 0) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[language])
    script = f"<script>var x = '{'a' * filler}';</script>" if filler else ""
    return (f'<!DOCTYPE html><html lang="{language}"><head>{script}{head_meta}'
            f"<title>{TITLES[language]}</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>{TITLES[language]}</h1>{body}</article>"
            "<footer>(c) Example</footer></body></html>")


def rss(language: str, declaration: str = "") -> str:
    items = "".join(
        f"<item><title>{TITLES[language]} {n}</title><guid>{language}-{n}</guid>"
        f"<description>{n}. {' '.join(PARAGRAPHS[language] * 8)}</description></item>"
        for n in range(2))
    return (f'<?xml version="1.0"{declaration}?><rss version="2.0"><channel>'
            f"<title>{TITLES[language]}</title><link>https://example.org/</link>"
            f"<description>d</description>{items}</channel></rss>")


def opml() -> str:
    outlines = [
        '<outline text="Café" title="Café du Commerce" type="rss" '
        'xmlUrl="https://cafe.example.org/feed.xml"/>',
        '<outline text="Same café, other spelling" xmlUrl="HTTPS://cafe.example.org/feed.xml'
        '?utm_source=opml#top"/>',
        '<outline text="Podcast" type="rss" xmlUrl="itpc://podcast.example.org/épisodes.rss"/>',
        '<outline text="Feed scheme" xmlUrl="feed://news.example.org/rss"/>',
        '<outline text="Shouting" xmlURL="https://loud.example.org/atom.xml"/>',
        '<outline text="Plain url" type="rss" url="https://url.example.org/rss.xml"/>',
        '<outline text="Dossier">'
        '<outline text="Nested" xmlUrl="https://nested.example.org/feed"/></outline>',
        '<outline text="A web page, not a feed" type="link" htmlUrl="https://example.org/"/>',
        '<outline text="Mail" xmlUrl="mailto:someone@example.org"/>',
    ]
    return ('<?xml version="1.0" encoding="ISO-8859-1"?><opml version="1.0"><head>'
            "<title>Abonnements de Hélène</title></head><body>"
            + "".join(outlines) + "</body></opml>")


KOI8_SAFE = str.maketrans({"«": '"', "»": '"', "—": "-"})
FILES: list[dict[str, object]] = []


def write(name: str, data: bytes, content_type: str, **expected: object) -> None:
    (HERE / name).write_bytes(data)
    FILES.append({"file": name, "content_type": content_type, **expected})


def main() -> None:
    write("page-windows-1252-meta.html",  # <meta> after 70 KB of ASCII script
          page("fr", '<meta charset="windows-1252">', filler=70_000).encode("cp1252"),
          "text/html", kind="page", title=TITLES["fr"], phrase="12 € d’économies")
    write("page-koi8-r-http-equiv.html",
          page("ru", '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
               ).translate(KOI8_SAFE).encode("koi8-r"), "text/html", kind="page",
          title=TITLES["ru"], phrase='"Мы нашли равновесие"')
    write("page-shift_jis-meta.html",
          page("ja", "<meta charset=Shift_JIS>").encode("shift_jis"), "text/html",
          kind="page", title=TITLES["ja"], phrase="学校への支出")
    write("page-latin-1-header.html", page("de", "").replace("€", "EUR").replace("„", '"')
          .replace("“", '"').encode("latin-1"), "text/html; charset=ISO-8859-1",
          kind="page", title=TITLES["de"], phrase="Härtefallregelungen")
    write("feed-utf-16le-bom.xml", codecs.BOM_UTF16_LE
          + rss("ru", ' encoding="utf-16"').encode("utf-16-le"), "text/xml",
          kind="feed", title=TITLES["ru"] + " 0", phrase="равновесие")
    write("feed-utf-16le-header.xml", rss("de").encode("utf-16-le"),
          "text/xml; charset=utf-16le", kind="feed", title=TITLES["de"] + " 0",
          phrase="Härtefallregelungen")
    write("feed-utf-32be-header.xml", rss("ru").encode("utf-32-be"),
          "text/xml; charset=utf-32be", kind="feed", title=TITLES["ru"] + " 0",
          phrase="равновесие")
    write("feed-windows-1252-header.xml", rss("fr").encode("cp1252"),
          "text/xml; charset=windows-1252", kind="feed", title=TITLES["fr"] + " 0",
          phrase="12 € d’économies")
    write("feed-utf-32-bom.xml", rss("ja", ' encoding="utf-32"').encode("utf-32"), "text/xml",
          kind="feed", title=TITLES["ja"] + " 0", phrase="学校への支出")
    write("feed-windows-1252-declared.xml",
          rss("fr", ' encoding="windows-1252"').encode("cp1252"), "application/rss+xml",
          kind="feed", title=TITLES["fr"] + " 0", phrase="12 € d’économies")
    write("subscriptions-latin-1.opml", opml().encode("latin-1"), "text/x-opml", kind="opml",
          feeds=["https://cafe.example.org/feed.xml",
                 "http://podcast.example.org/%C3%A9pisodes.rss",
                 "http://news.example.org/rss", "https://loud.example.org/atom.xml",
                 "https://url.example.org/rss.xml", "https://nested.example.org/feed"],
          skipped=2, duplicates=1)
    (HERE / "manifest.json").write_text(json.dumps(FILES, ensure_ascii=False, indent=1) + "\n",
                                        encoding="utf-8")


if __name__ == "__main__":
    main()
