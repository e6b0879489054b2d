"""The `newsdigest` console script: the core commands plus `run` and `sandbox`.

The core CLI lives in `digests.cli` and knows nothing of Telegram; this module adds the
commands that start the bot, keeping the dependency one-way (bot -> digests).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from digests.cli import EXIT_ERROR, EXIT_OK, build_parser, default_language, run

if TYPE_CHECKING:
    from rich.console import Console

    from digests.settings import Settings


def cmd_run(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """Start the bot (a token is configured) or the sandbox (none is)."""
    if settings.telegram_bot_token is None:
        from bot.sandbox import run_sandbox

        return run_sandbox(settings, console, ingest_seeds=True)
    from telegram.error import InvalidToken, NetworkError

    from bot.app import run_bot

    try:
        run_bot(settings, webhook=args.webhook)
    except InvalidToken:
        sys.stderr.write("newsdigest: error: Telegram rejected TELEGRAM_BOT_TOKEN "
                         "(check it with @BotFather)\n")
        return EXIT_ERROR
    except NetworkError as error:
        sys.stderr.write(f"newsdigest: error: cannot reach the Bot API at "
                         f"{settings.telegram_api_base_url}: {error}\n")
        return EXIT_ERROR
    return EXIT_OK


def cmd_sandbox(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """A terminal chat with the bot over a local Bot API server."""
    from bot.sandbox import run_sandbox

    return run_sandbox(settings, console, ingest_seeds=not args.no_seeds,
                       language_code=args.lang)


def build_full_parser() -> argparse.ArgumentParser:
    """The core parser with the bot's commands added."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    p = sub.add_parser("run", help="start the bot (the sandbox when no token is set)")
    p.add_argument("--webhook", action="store_true", help="serve a webhook instead of polling")
    p.set_defaults(handler=cmd_run)
    p = sub.add_parser("sandbox", help="chat with the bot in the terminal, no token needed")
    p.add_argument("--no-seeds", action="store_true", help="don't ingest the bundled seeds")
    p.add_argument("--lang", default=default_language(),
                   help="the language the users' Telegram apps report, e.g. ru or en-GB "
                        "(default: the terminal's, else en)")
    p.set_defaults(handler=cmd_sandbox)
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    sys.exit(run(argv, build_full_parser()))
