"""Try the docs/deploy.md layout on one machine: PostgreSQL, two webhook workers, one poller.

The Bot API is the local test server (no token, no internet); each worker gets its own
webhook and metrics port, as the systemd instances would. Prints each process's /readyz
and a few counters, then stops them with SIGTERM and prints their exit statuses.

    .venv/bin/python deploy/try_layout.py postgresql://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import uuid

import httpx
from sqlalchemy import create_engine, text

from bot.botapi import BotApiServer
from digests.store import normalize_url
from tests.ops.scrape import scrape, total

TOKEN = "4242:TRY-the-deploy-layout-token-xxxx"


async def main(base_url: str) -> int:
    """Start the layout in a fresh schema, show readiness and counters, stop it."""
    schema = f"deploy_{uuid.uuid4().hex[:8]}"
    admin = create_engine(normalize_url(base_url))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = normalize_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    database = url.render_as_string(hide_password=False)
    procs: dict[str, asyncio.subprocess.Process] = {}
    try:
        async with BotApiServer(token=TOKEN, bot_username="newsdigest_bot") as server:
            common = {**os.environ, "DATABASE_URL": database, "TELEGRAM_BOT_TOKEN": TOKEN,
                      "TELEGRAM_API_BASE_URL": server.base_url, "LOG_FORMAT": "json",
                      "WEBHOOK_SECRET_TOKEN": "try-secret"}
            layout = {"bot1": (["run", "--webhook"], 18441, 19101),
                      "bot2": (["run", "--webhook"], 18442, 19102),
                      "poller": (["poll", "--forever"], 0, 19103)}
            for name, (args, hook, metrics) in layout.items():
                env = {**common, "METRICS_PORT": str(metrics), "WEBHOOK_PORT": str(hook),
                       "WEBHOOK_URL": f"http://127.0.0.1:{hook}",
                       "DELIVERY_WORKER_ID": name}
                procs[name] = await asyncio.create_subprocess_exec(
                    sys.executable, "-c", "from cli.main import main; main()", *args, env=env,
                    stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
                await ready(f"http://127.0.0.1:{metrics}", name)
            for name, (_, _, metrics) in layout.items():
                found = await scrape(f"http://127.0.0.1:{metrics}")
                print(f"{name}: messages sent "
                      f"{total(found, 'newsdigest_messages_sent_total'):.0f}, "
                      f"db queries {total(found, 'newsdigest_db_query_seconds_count'):.0f}, "
                      f"rss {total(found, 'process_resident_memory_bytes') / 2**20:.0f} MiB")
    finally:
        for name, proc in procs.items():
            if proc.returncode is None:
                proc.send_signal(signal.SIGTERM)
            print(f"{name}: exit status {await proc.wait()}")
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    return 0


async def ready(base: str, name: str) -> None:
    """Wait until the process answers /readyz; print its checks."""
    async with httpx.AsyncClient(timeout=10) as client:
        for _ in range(300):
            try:
                response = await client.get(f"{base}/readyz")
            except httpx.HTTPError:
                await asyncio.sleep(0.2)
                continue
            body = response.json()
            print(f"{name}: /readyz {response.status_code} "
                  f"{json.dumps({k: v['ok'] for k, v in body['checks'].items()})}")
            return
    raise SystemExit(f"{name} never answered on {base}")


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1])))
