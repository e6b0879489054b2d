"""A terminal chat with the real bot over the local Bot API server: no token, no network.

`main` runs it, `chat` turns typed lines into updates and sandbox commands, `output` prints
what the bot does, `terminal` reads input, `feed` serves a demo feed, `clock` lets time pass.
"""

from bot.sandbox.main import SANDBOX_TOKEN, run_sandbox, sandbox_main
from bot.sandbox.output import render_message

__all__ = ["SANDBOX_TOKEN", "render_message", "run_sandbox", "sandbox_main"]
