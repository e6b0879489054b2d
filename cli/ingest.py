"""`newsdigest ingest`: files, folders, stdin and links, with a progress line and a report.

Kept apart from `cli.main` so the command's display (count and rate while a large JSON
Lines file is read, a grouped report after) can grow without touching the parser module.

Exit status: 1 when nothing named got in, i.e. every link was refused (a private address,
not an article) and every file item rejected, like any other error; a run where some items
got in exits 0 and lists the rest.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cli.sources import ingest_urls, looks_like_url, print_link_results

if TYPE_CHECKING:
    from rich.console import Console

    from digests.service import NewsService
    from digests.settings import Settings

EXIT_OK, EXIT_ERROR = 0, 1


@dataclass(slots=True)
class IngestProgress:
    """What the progress line shows: files done of total, items so far, and their rate."""

    files_done: int = 0
    files_total: int = 0
    items: int = 0
    started: float = field(default_factory=time.monotonic)
    on_change: Callable[[IngestProgress], None] | None = None

    def describe(self, now: float | None = None) -> str:
        """E.g. ``1/3 files · 2,225 items · 310 items/s`` (rate once time has passed)."""
        elapsed = (time.monotonic() if now is None else now) - self.started
        files = f"{self.files_done}/{self.files_total} file{'' if self.files_total == 1 else 's'}"
        parts = [files, f"{self.items:,} item{'' if self.items == 1 else 's'}"]
        if elapsed > 0 and self.items:
            parts.append(f"{self.items / elapsed:,.0f} items/s")
        return " · ".join(parts)

    def files(self, done: int, total: int) -> None:
        """The pipeline's per-file callback."""
        self.files_done, self.files_total = done, total
        if self.on_change is not None:
            self.on_change(self)

    def counted(self, items: int) -> None:
        """The pipeline's per-batch callback."""
        self.items = items
        if self.on_change is not None:
            self.on_change(self)


@contextmanager
def progress_display(console: Console, *, disable: bool) -> Iterator[IngestProgress]:
    """A transient progress bar over files whose text shows the item count and rate."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

    state = IngestProgress()
    with Progress(SpinnerColumn(), TextColumn("Ingesting"), BarColumn(),
                  TextColumn("{task.fields[detail]}"), console=console, transient=True,
                  disable=disable) as progress:
        task = progress.add_task("Ingesting", total=None, detail=state.describe())

        def refresh(changed: IngestProgress) -> None:
            progress.update(task, completed=changed.files_done,
                            total=changed.files_total or None, detail=changed.describe())

        state.on_change = refresh
        yield state


def cmd_ingest(args: argparse.Namespace, settings: Settings, console: Console,
               service_for: Callable[[Settings], NewsService]) -> int:
    """Ingest files, folders and stdin; http(s) URLs are fetched (`cli.sources`)."""
    from cli import console as out

    urls = [argument for argument in args.paths if looks_like_url(argument)]
    paths = [argument for argument in args.paths if argument not in urls]
    accepted = 0
    service = service_for(settings)
    with closing(service):
        if urls:
            links = ingest_urls(urls, service)
            accepted = sum(1 for link in links if link.article_id is not None)
            if args.json:
                out.print_json(console, links)
            else:
                print_link_results(console, links)
        if not paths:
            return EXIT_OK if accepted else EXIT_ERROR
        quiet = args.json or not console.is_terminal  # a piped run gets the report only
        with progress_display(console, disable=quiet) as state:
            report = service.ingest(paths, progress=state.files, stdin=sys.stdin.buffer,
                                    items=state.counted)
    if args.json:
        out.print_json(console, report)
    else:
        out.print_lines(console, report.describe(verbose=args.verbose).splitlines())
    accepted += len(report.results) - len(report.rejections)
    attempted = bool(urls or report.results)
    return EXIT_ERROR if attempted and not accepted else EXIT_OK


def add_ingest_arguments(parser: argparse.ArgumentParser) -> None:
    """`PATH…` and `-v` of `newsdigest ingest`."""
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="a file, a folder, - for stdin, or an http(s) link")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list every rejected record (by default many rejections "
                             "for one reason are one line)")
