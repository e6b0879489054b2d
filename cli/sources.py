"""`newsdigest sources …`, `newsdigest poll [--forever]` and links for `newsdigest ingest`.

Polling needs no Telegram: `poll --forever` runs the same poller as the bot's job on an
APScheduler interval, so ingestion can live in its own process beside the bot. Pause
events are printed here; the bot's job is what tells admins in Telegram.

Every rule (canonical feed URLs, removal by any spelling, what an OPML import adds) is
the sources service's (`digests.services.sources`), shared with the bot's `/source`; this
module parses arguments and prints. The service (with the store, the fetcher and the
ingest pipeline) is imported inside the commands, like `cli.main` does, so building the
parser (`--help`, `topics`) stays fast.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from collections.abc import Callable, Sequence
from contextlib import closing, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from digests.ops.metrics import Metrics
    from digests.service import LinkResult, NewsService
    from digests.services.sources import PollReport, SourceService
    from digests.settings import Settings

    Handler = Callable[[argparse.Namespace, Settings, Console], int]
    CommandFactory = Callable[[str, Handler, str], argparse.ArgumentParser]

log = logging.getLogger(__name__)
DEFAULT_EVERY_SECONDS = 60.0
POLL_JOB = "poll"


class SourceCommandError(ValueError):
    """Bad input to a sources command (exit status 2 through the core CLI)."""


def _now() -> datetime:
    return datetime.now(UTC)


def counted(count: int, singular: str, plural: str) -> str:
    """`1 feed`, `2 feeds`: English plural forms for the CLI's output."""
    return f"{count:,} {singular if count == 1 else plural}"


def _open(settings: Settings, metrics: Metrics | None = None) -> SourceService:
    """The sources service over the configured database (reporting to `metrics`, if given)."""
    from digests.services.database import open_sources

    return open_sources(settings) if metrics is None else open_sources(settings, metrics=metrics)


def looks_like_url(argument: str) -> bool:
    """True for arguments `newsdigest ingest` should fetch instead of reading from disk."""
    from digests.services.sources import is_http_url

    return is_http_url(argument) and not Path(argument).exists()


# Polling --------------------------------------------------------------------------
async def poll_once(service: SourceService, *, urls: Sequence[str] = (),
                    force: bool = False) -> PollReport:
    """One polling round: the due sources, or (with `force`) the given or all sources."""
    return await (service.poll_now(urls) if force else service.poll_due())


def print_poll_report(console: Console, report: PollReport) -> None:
    """One line per source polled, then the sources paused by this round."""
    for outcome in report.outcomes:
        detail = outcome.error or f"{counted(outcome.entries, 'entry', 'entries')}, " \
            f"{outcome.stored:,} new"
        if outcome.deferred:
            detail += f", {outcome.deferred:,} left for the next polls"
        console.print(f"{outcome.status:>12}  {outcome.url}  {detail}", markup=False,
                      highlight=False)
    for event in report.paused:
        console.print(f"      paused  {event.url} after {event.failures} failures: "
                      f"{event.error}", markup=False, highlight=False)
    console.print(f"{counted(len(report.outcomes), 'source', 'sources')} polled, "
                  f"{counted(report.stored, 'new article', 'new articles')}, "
                  f"{report.failed:,} failed")


async def poll_forever(settings: Settings, console: Console, every: float) -> None:
    """Poll due sources every `every` seconds until interrupted (APScheduler interval job).

    With `METRICS_PORT` set, `/metrics`, `/healthz` and `/readyz` are served as by the bot
    (readiness: the database, its migrations, a round within two intervals).
    """
    import asyncio

    from apscheduler.schedulers.asyncio import AsyncIOScheduler
    from prometheus_client import CollectorRegistry

    from digests.ops.logformat import configure_process_logging
    from digests.ops.prometheus import PrometheusMetrics
    from digests.ops.server import build_ops_server

    configure_process_logging(settings)
    metrics = PrometheusMetrics(CollectorRegistry())
    service = _open(settings, metrics)
    ops = build_ops_server(settings, metrics)

    async def round_() -> None:
        print_poll_report(console, await poll_once(service))
        metrics.scheduler_tick(POLL_JOB)

    scheduler = AsyncIOScheduler(timezone=UTC)
    scheduler.add_job(round_, "interval", seconds=every, next_run_time=_now(),
                      max_instances=1, coalesce=True)
    metrics.job_scheduled(POLL_JOB, every, 0.0)
    scheduler.start()
    stopping = asyncio.Event()
    with suppress(NotImplementedError):  # systemd stops services with SIGTERM: exit 0
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stopping.set)
    try:
        if ops is not None:
            await ops.start()
        log.info("polling every %.0f s", every)
        await stopping.wait()
        log.info("stopped")
    finally:
        scheduler.shutdown(wait=False)
        if ops is not None:
            await ops.stop()
        service.close()


def cmd_poll(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """Poll the sources that are due, once or forever."""
    import asyncio

    if args.forever:
        asyncio.run(poll_forever(settings, console, args.every))
        return 0
    service = _open(settings)
    with closing(service):
        report = asyncio.run(poll_once(service))
    print_report(console, report, as_json=args.json)
    return 0


def print_report(console: Console, report: PollReport, *, as_json: bool) -> None:
    """The poll report as JSON or as lines."""
    from cli import console as out

    if as_json:
        out.print_json(console, report)
    else:
        print_poll_report(console, report)


# Sources --------------------------------------------------------------------------
def _add(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    from digests.services.sources import NotAFeedUrl, SourceExistsError, is_http_url

    if not is_http_url(args.url):  # refused before the database is opened
        raise SourceCommandError(f"not an http(s) URL: {args.url}")
    service = _open(settings)
    with closing(service):
        try:
            source = service.add(args.url, title=args.title, interval_minutes=args.interval)
        except (NotAFeedUrl, SourceExistsError) as error:
            raise SourceCommandError(str(error)) from error
    console.print(f"Added source {source.id}: {source.url}", markup=False, highlight=False)
    return 0


def _list(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    from cli import console as out

    service = _open(settings)
    with closing(service):
        sources = service.list_sources()
    if args.json:
        out.print_json(console, sources)
        return 0
    from rich.table import Table

    table = Table("id", "source", "health", show_lines=True)
    now = _now()
    for source in sources:
        name = f"{source.title}\n{source.url}" if source.title else source.url
        table.add_row(str(source.id), name, "\n".join(service.health(source, now)))
    console.print(table if sources else "No sources yet: newsdigest sources add URL")
    return 0


def _remove(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    service = _open(settings)
    with closing(service):
        if not service.remove(args.url):
            raise SourceCommandError(f"no such source: {args.url}")
    console.print(f"Removed {args.url}", markup=False, highlight=False)
    return 0


def _poll(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    import asyncio

    service = _open(settings)
    with closing(service):
        report = asyncio.run(poll_once(service, urls=args.urls, force=True))
    print_report(console, report, as_json=args.json)
    return 0


def _import(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    from digests.services.sources import load_opml

    document = load_opml(args.file)  # a bad file is refused before the database is opened
    service = _open(settings)
    with closing(service):
        done = service.import_opml(document)
    console.print(f"{counted(done.feeds, 'feed', 'feeds')} in {args.file}: {done.added} added, "
                  f"{done.present} already present; {done.duplicates} repeated in the file; "
                  f"{done.skipped}", markup=False, highlight=False)
    return 0


def _export(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    service = _open(settings)
    with closing(service):
        document, feeds = service.export_opml()
    if args.file in (None, "-"):
        sys.stdout.write(document + "\n")
    else:
        Path(args.file).write_text(document + "\n", encoding="utf-8")
        console.print(f"Wrote {feeds} feeds to {args.file}")
    return 0


ACTIONS: dict[str, Handler] = {"add": _add, "list": _list, "remove": _remove, "poll": _poll,
                               "import-opml": _import, "export-opml": _export}


def cmd_sources(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """Manage feed sources."""
    return ACTIONS[args.action](args, settings, console)


# Links ----------------------------------------------------------------------------
def ingest_urls(urls: Sequence[str], service: NewsService) -> list[LinkResult]:
    """Fetch, extract and store each link (`newsdigest ingest URL`)."""
    import asyncio

    return asyncio.run(service.ingest_links(urls))


def print_link_results(console: Console, results: Sequence[LinkResult]) -> None:
    """One line per link: the article it became, or why not."""
    for result in results:
        if result.article_id is not None:
            line = f"{result.outcome}: {result.url} -> article {result.article_id}"
        else:
            line = f"rejected {result.url}: {result.reason}"
        console.print(line, markup=False, highlight=False)


# Registration ---------------------------------------------------------------------
def add_source_commands(sub: Any, command: CommandFactory) -> None:
    """Add `sources` and `poll` to the core parser (one call from `cli.main`)."""
    del sub  # the factory already knows the subparsers; kept for the documented signature
    p = command("sources", cmd_sources, "manage feed sources (RSS, Atom, JSON Feed)")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = actions.add_parser("add", help="add a feed URL")
    a.add_argument("url")
    a.add_argument("--title", help="name articles are filed under (default: the feed's)")
    a.add_argument("--interval", type=float, help="minutes between checks (default 15)")
    actions.add_parser("list", help="sources and their health")
    a = actions.add_parser("remove", help="remove a feed URL")
    a.add_argument("url")
    a = actions.add_parser("poll", help="poll now, due or not (all, or the URLs given)")
    a.add_argument("urls", nargs="*", metavar="URL")
    a = actions.add_parser("import-opml", help="add every feed of an OPML file")
    a.add_argument("file")
    a = actions.add_parser("export-opml", help="write the sources as OPML (stdout by default)")
    a.add_argument("file", nargs="?")
    for action in actions.choices.values():
        action.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                            help="machine-readable output")
    p = command("poll", cmd_poll, "poll the feed sources that are due")
    p.add_argument("--forever", action="store_true",
                   help="keep polling (APScheduler), e.g. as its own process beside the bot")
    p.add_argument("--every", type=float, default=DEFAULT_EVERY_SECONDS,
                   help="seconds between rounds with --forever (default 60)")
