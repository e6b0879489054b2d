"""`newsdigest run` as a user starts it: a real process polling the local Bot API server."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sys
from pathlib import Path

from bot.botapi import BotApiServer, Chat, User
from tests.bot.conftest import BOT_USERNAME, TOKEN

COMMANDS = [
    ("/start", "/summary"),
    ("/help", "/digest"),
    ("/summary russia china", "sentences"),
    ("/digest russia-china", "Russia–China relations"),
    ("/search putin", "putin"),
    ("/topics", "russia-china"),
]


async def _ask(server: BotApiServer, chat: Chat | User, user: User, text: str,
               expected: str) -> None:
    """Send `text` and wait until one of the bot's new messages there contains `expected`."""
    start = len(server.sent_messages(chat.id))
    server.send_text(chat, user, text)

    def answered() -> bool | None:
        return any(expected.lower() in m.text.lower()
                   for m in server.sent_messages(chat.id)[start:]) or None

    await server.wait_until(answered, timeout=120)


async def test_run_answers_every_command_in_private_and_group_and_stops_on_sigterm(
    tmp_path: Path, seeded_db: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(seeded_db, data / seeded_db.name)
    async with BotApiServer(token=TOKEN, bot_username=BOT_USERNAME) as server:
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "DATA_DIR": str(data),
               "TELEGRAM_API_BASE_URL": server.base_url, "LOG_LEVEL": "INFO",
               "GROUP_COOLDOWN_SECONDS": "0"}
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", "from cli.main import main; main()", "run",
            cwd=tmp_path, env=env, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        try:
            alice = server.add_user("Alice", "alice")
            group = server.add_chat("supergroup", "Readers", owner=alice)
            for text, expected in COMMANDS:
                await _ask(server, alice, alice, text, expected)
                command, _, rest = text.partition(" ")
                addressed = f"{command}@{BOT_USERNAME} {rest}".strip()
                await _ask(server, group, alice, addressed, expected)
        finally:
            process.send_signal(signal.SIGTERM)
            output, _ = await asyncio.wait_for(process.communicate(), timeout=60)
        assert process.returncode == 0, output.decode()[-2000:]
        assert TOKEN not in output.decode()
        assert server.errors() == []


async def test_run_explains_a_wrong_token_or_an_unreachable_server(tmp_path: Path) -> None:
    async with BotApiServer(token=TOKEN, bot_username=BOT_USERNAME) as server:
        cases = [("999:WRONG-token-value-xxxxxxxxxxxxxxxx", server.base_url, "rejected"),
                 (TOKEN, "http://127.0.0.1:1/bot", "cannot reach")]
        for token, base_url, message in cases:
            env = {**os.environ, "TELEGRAM_BOT_TOKEN": token, "DATA_DIR": str(tmp_path),
                   "TELEGRAM_API_BASE_URL": base_url}
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-c", "from cli.main import main; main()", "run",
                cwd=tmp_path, env=env, stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            _, errors = await asyncio.wait_for(process.communicate(), timeout=120)
            last = errors.decode().strip().splitlines()[-1]
            assert process.returncode == 1
            assert message in last
            assert token not in errors.decode()
