"""`newsdigest run` as a user starts it: a real process polling the local Bot API server."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sys
from pathlib import Path

from bot.botapi import BotApiServer
from tests.bot.conftest import BOT_USERNAME, TOKEN


async def test_run_answers_in_private_and_group_and_stops_on_sigterm(
    tmp_path: Path, seeded_db: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(seeded_db, data / seeded_db.name)
    async with BotApiServer(token=TOKEN, bot_username=BOT_USERNAME) as server:
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "DATA_DIR": str(data),
               "TELEGRAM_API_BASE_URL": server.base_url, "LOG_LEVEL": "INFO"}
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", "from bot.cli import main; main()", "run",
            cwd=tmp_path, env=env, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        try:
            alice = server.add_user("Alice", "alice")
            group = server.add_chat("supergroup", "Readers", owner=alice)
            server.send_text(alice, alice, "/start")
            [reply] = await server.wait_for_messages(alice.id, timeout=120)
            assert "/summary" in reply.text
            server.send_text(alice, alice, "/summary russia china")
            [reply] = await server.wait_for_messages(alice.id, timeout=120)
            assert "sentences" in reply.text
            server.send_text(group, alice, f"/search@{BOT_USERNAME} putin")
            [reply] = await server.wait_for_messages(group.id, timeout=120)
            assert "putin" in reply.text.lower()
        finally:
            process.send_signal(signal.SIGTERM)
            output, _ = await asyncio.wait_for(process.communicate(), timeout=60)
        assert process.returncode == 0, output.decode()[-2000:]
        assert TOKEN not in output.decode()
        assert server.errors() == []
