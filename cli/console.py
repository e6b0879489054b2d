"""Terminal and JSON output of the CLI: readable with rich, exact with `--json`."""

from __future__ import annotations

import dataclasses
import enum
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from digests.i18n import ENGLISH, Translator
from digests.labels import label_text
from digests.language import language_tag
from digests.models import Article, Digest, SearchHit, Summary, Topic
from digests.reports import other_reports
from digests.wrapping import wrap_line


def to_jsonable(value: Any) -> Any:
    """Dataclasses, datetimes and enums to plain JSON values; article bodies are left out.

    An undated article's ``published_at`` is null (``dated`` false, ``ingested_at`` kept):
    a consumer reading the field must not take the ingest time for a publication date.
    """
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Article):
        data = {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.name not in {"text", "signature"}}
        if not value.dated:  # the source gave no date: published_at held the ingest time
            data["published_at"] = None
        return data
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, enum.Enum):
        return value.value
    return value


def print_json(console: Console, value: Any) -> None:
    """Print machine-readable JSON (no rich markup, no wrapping)."""
    console.file.write(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2) + "\n")


def _date(value: datetime) -> str:
    return value.strftime("%Y-%m-%d")


#: A window starting before this is "everything" (`--since 100000d`), not a date to show.
EARLIEST_SHOWN_YEAR = 1990


def window_text(since: datetime, until: datetime, t: Translator = ENGLISH) -> str:
    """The digest's period, e.g. ``2026-03-01 – 2026-03-02``, or ``up to 2026-03-02``.

    A window wider than any news (an empty digest over `--since 100000d`) would start
    centuries ago ("1753-02-19"); that is no date a reader can use.
    """
    if since.year < EARLIEST_SHOWN_YEAR:
        return t.gettext("up to {date}", date=_date(until))
    return f"{_date(since)} – {_date(until)}"


def print_wrapped(console: Console, line: str, style: str = "") -> None:
    """Print one line wrapped at the console's width, continuation lines indented."""
    for part in wrap_line(line, console.width):
        console.print(Text(part, style=style))


def print_lines(console: Console, lines: Sequence[str]) -> None:
    """Plain lines (no markup), each wrapped at the console's width."""
    for line in lines:
        print_wrapped(console, line)


def _article_date(article: Article, t: Translator = ENGLISH) -> str:
    """The publication date, or "date unknown · added <date>" when the source gave none."""
    if article.dated:
        return _date(article.published_at)
    return t.gettext("date unknown · added {date}", date=_date(article.ingested_at))


def _kept(summary: Summary, t: Translator) -> str:
    """"3 of 24 sentences" in the reader's language."""
    return t.ngettext("{kept} of {count} sentence", "{kept} of {count} sentences",
                      summary.total_sentences, kept=len(summary.sentences))


def print_cite(console: Console, article: Article, t: Translator = ENGLISH) -> None:
    """Where an article came from (source, date, license, label), then its link, dimmed."""
    parts = [article.source, _article_date(article, t)]
    if article.license:
        parts.append(article.license)
    if label := label_text(article.source_kind, t):
        parts.append(label)
    print_wrapped(console, " · ".join(parts), "dim")
    if article.url:
        console.print(Text(article.url, style="dim underline"))


def print_summary(console: Console, article: Article, summary: Summary,
                  related: Sequence[Article] = (), t: Translator = ENGLISH) -> None:
    """An article's summary with where it came from and how much was kept."""
    print_wrapped(console, f"{article.title}  [#{article.id}]", "bold")
    print_cite(console, article, t)
    console.print()
    for sentence in summary.sentences:
        print_wrapped(console, f"• {sentence}")
    console.print(Text(f"\n{_kept(summary, t)} · {summary.algorithm}", style="dim"))
    if summary.note:
        console.print(Text(summary.note, style="yellow"))
    if article.attribution:
        console.print(Text(article.attribution, style="dim italic"))
    if related:
        console.print(Text("\n" + t.gettext("More on this:"), style="bold"))
        for other in related:
            print_wrapped(console, f"  [#{other.id}] {other.title} — {other.source}")


def print_digest(console: Console, digest: Digest, t: Translator = ENGLISH) -> None:
    """A digest: header, key points, then each story with its sources.

    The frame is in `t`'s language (``--lang ru`` reads Russian), as the bot's is.
    """
    window = window_text(digest.since, digest.until, t)
    console.rule(Text(f"{digest.title}", style="bold"))
    matches = t.ngettext("{count} matching article", "{count} matching articles",
                         digest.total_matches)
    console.print(Text(f"{window} · {matches}", style="dim"))
    if digest.is_empty:
        console.print(Text(t.gettext("No new articles on this topic in the window."),
                           style="yellow"))
        return
    if digest.key_points:
        console.print(Text("\n" + t.gettext("Key points"), style="bold"))
        marks = [f" [{n}]" for n in digest.key_point_stories]
        for index, point in enumerate(digest.key_points):
            mark = marks[index] if index < len(marks) else ""
            print_wrapped(console, f"• {point}{mark}")
    for number, story in enumerate(digest.stories, 1):
        console.print()
        tag = language_tag(story.lead.language,
                           t.language if digest.language in (None, "all") else digest.language)
        mark = f" [{tag}]" if tag else ""
        print_wrapped(console, f"{number}. {story.lead.title}{mark} [#{story.lead.id}]", "bold")
        print_cite(console, story.lead, t)
        for sentence in story.summary.sentences:
            print_wrapped(console, f"  {sentence}")
        if story.summary.sentences:  # else its key point [n] said all it shows
            console.print(Text(f"  {_kept(story.summary, t)}", style="dim"))
        reports = other_reports(story)
        if reports.by_source:
            also = ", ".join(source + (f" ×{len(articles)}" if len(articles) > 1 else "")
                             for source, articles in reports.by_source)
            print_wrapped(console, "  " + t.gettext("Also reported by:") + f" {also}", "dim")
        if same := reports.same_source:
            print_wrapped(console, "  " + t.ngettext(
                "{count} more report from this source:", "{count} more reports from this source:",
                len(same)) + " " + ", ".join(f"#{a.id}" for a in same), "dim")
    if digest.more_from:
        console.print()
    for more in digest.more_from:
        print_wrapped(console, t.ngettext("+{count} more from {source}",
                                          "+{count} more from {source}", more.stories,
                                          source=more.source), "dim")


def print_hits(console: Console, hits: Sequence[SearchHit], t: Translator = ENGLISH) -> None:
    """Search results as a table, its words in the reader's language (``--lang``)."""
    if not hits:
        console.print(t.gettext("No matches."))
        return
    table = Table("id", t.gettext("date"), t.gettext("source"), t.gettext("score"),
                  t.gettext("title"), show_lines=False)
    for hit in hits:
        a = hit.article
        table.add_row(str(a.id), _article_date(a, t), a.source, f"{hit.score:.3f}",
                      Text(a.title))
    console.print(table)


def print_articles(console: Console, articles: Sequence[Article]) -> None:
    """Stored articles, newest first."""
    table = Table("id", "date", "lang", "source", "title")
    for a in articles:
        dup = f" (copy of #{a.duplicate_of})" if a.duplicate_of else ""
        table.add_row(str(a.id), _article_date(a), a.language or "?", a.source,
                      Text(a.title + dup))
    console.print(table)


def print_topics(console: Console, topics: Sequence[Topic]) -> None:
    """Named topics with their titles."""
    table = Table("name", "title", "description")
    for t in topics:
        table.add_row(t.name, Text(t.title), Text(t.description))
    console.print(table)

