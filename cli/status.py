"""`newsdigest status [--json]`: the operator's first look, from the database alone.

The numbers come from `digests.ops.status.read_status`, the same function behind the
bot's `/status`, so the terminal and Telegram never disagree. It runs on any host that
reaches the database, while the bot is down too.
"""

from __future__ import annotations

import argparse
from datetime import datetime

from rich.console import Console

from cli import console as out
from digests.ops.status import StatusReport
from digests.settings import Settings


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment is not None else "never"


def _counts(counts: dict[str, int]) -> str:
    return " · ".join(f"{name} {count}" for name, count in counts.items()) or "none"


def status_lines(report: StatusReport) -> list[str]:
    """The report as plain lines: counts first, then the last errors, newest first."""
    a, s, hours = report.articles, report.subscriptions, report.window_hours
    lines = [
        f"Status at {_when(report.now)} UTC",
        f"Articles:      {a.total} stored, {a.recent} in the last {hours} h",
        f"Languages:     {_counts(a.by_language)}",
        "Sources:       " + " · ".join(f"{n} {h}" for h, n in report.sources.items()),
        f"Subscriptions: {s.digests_active} active · {s.digests_paused} paused",
        f"Alerts:        {s.alerts_active} active · {s.alerts_paused} paused",
        f"Deliveries ({hours} h): {_counts(report.deliveries)}",
        f"Alert messages ({hours} h): {_counts(report.alerts)}",
    ]
    if report.source_errors:
        lines.append("Last feed errors:")
        lines += [f"  {_when(p.at)} {p.url} ({p.health}, {p.failures} in a row): {p.error}"
                  for p in report.source_errors]
    if report.delivery_errors:
        lines.append("Last delivery errors:")
        lines += [f"  {_when(p.at)} chat {p.chat} {p.kind} #{p.subscription} {p.topic!r} "
                  f"{p.period}: {p.status} after {p.attempts} attempt(s): {p.error}"
                  for p in report.delivery_errors]
    if not report.source_errors and not report.delivery_errors:
        lines.append("No recent errors.")
    return lines


def cmd_status(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """Print the status report (or its JSON)."""
    from digests.services.database import database_status

    report = database_status(settings)
    if args.json:
        out.print_json(console, report)
    else:
        out.print_lines(console, status_lines(report))
    return 0
