"""Starting the bot from the command line: `newsdigest run` and `newsdigest sandbox`.

The `newsdigest` console script lives in `cli.main`, which parses the arguments and calls
these two functions; Telegram's exceptions are caught here, so that nothing outside `bot/`
needs to know them. They return the process exit status.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from digests.settings import Settings

EXIT_OK, EXIT_ERROR = 0, 1


def run(settings: Settings, console: Console, *, webhook: bool) -> int:
    """Start the bot (a token is configured) or the sandbox (none is)."""
    if settings.telegram_bot_token is None:
        from bot.sandbox import run_sandbox

        return run_sandbox(settings, console, ingest_seeds=True)
    from telegram.error import InvalidToken, NetworkError

    from bot.app import run_bot

    try:
        run_bot(settings, webhook=webhook)
    except InvalidToken:
        sys.stderr.write("newsdigest: error: Telegram rejected TELEGRAM_BOT_TOKEN "
                         "(check it with @BotFather)\n")
        return EXIT_ERROR
    except NetworkError as error:
        sys.stderr.write(f"newsdigest: error: cannot reach the Bot API at "
                         f"{settings.telegram_api_base_url}: {error}\n")
        return EXIT_ERROR
    return EXIT_OK


def sandbox(settings: Settings, console: Console, *, seeds: bool, language_code: str,
            choose_language: bool = False) -> int:
    """A terminal chat with the bot over a local Bot API server."""
    from bot.sandbox import run_sandbox

    return run_sandbox(settings, console, ingest_seeds=seeds, language_code=language_code,
                       choose_language=choose_language)
