"""A demo RSS feed served on 127.0.0.1, so `/source add $FEED` can be tried in the sandbox.

Its two entries are sample text written for the sandbox (no third-party copyright), dated
when the sandbox starts, so a digest of the last 24 hours has something new to show, and
long enough (over the teaser threshold) that no article page has to be fetched.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from types import TracebackType
from typing import Self
from xml.sax.saxutils import escape

from aiohttp import web

FEED_PATH = "/demo.xml"
ENTRIES = (
    ("Sandbox sample: a test rocket reaches orbit",
     "A small test rocket reached orbit on its second attempt, the launch team said. "
     "This is sample text written for the newsdigest sandbox, so that adding a feed has "
     "something to show. The rocket carried three student satellites into a low orbit. "
     "Engineers said the first stage landed on a barge and will fly again next month. "
     "The team plans a crewed flight in two years if the next five launches go well. "
     "Space agencies from four countries watched the launch and asked for the data. "
     "The satellites will measure the upper atmosphere for six months before they burn up. "
     "Students built the satellites in a school workshop with parts bought online."),
    ("Sandbox sample: a lunar lander sends its first pictures",
     "A robotic lander sent its first pictures from the Moon a day after touching down, "
     "its operators said. This is sample text written for the newsdigest sandbox. The "
     "lander came down near a crater at the south pole, where ice may lie in shadow. Its "
     "cameras showed grey dust, scattered rocks and the rim of the crater in the distance. "
     "The operators said the batteries are healthy and the rover on board will roll out "
     "on Friday. The mission is to measure how much water the soil holds. Scientists hope "
     "that astronauts could one day use that water to drink and to make rocket fuel."),
)


def render_feed(base_url: str, published: datetime) -> str:
    """The feed's RSS 2.0 text; entries one hour apart, the newest at `published`."""
    items = []
    for number, (title, text) in enumerate(ENTRIES):
        when = format_datetime(published - timedelta(hours=number))
        link = f"{base_url}/story/{number + 1}"
        items.append(f"<item><title>{escape(title)}</title><link>{link}</link>"
                     f"<guid>{link}</guid><pubDate>{when}</pubDate>"
                     f"<description>{escape(text)}</description></item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Sandbox demo feed</title><link>{base_url}/</link>"
            "<description>Sample news written for the newsdigest sandbox</description>"
            f"{''.join(items)}</channel></rss>")


class DemoFeed:
    """The demo feed's HTTP server; `url` is what `$FEED` stands for in the sandbox."""

    def __init__(self) -> None:
        self._runner: web.AppRunner | None = None
        self.url = ""
        self._published = datetime.now(UTC).replace(microsecond=0)

    async def _serve(self, request: web.Request) -> web.Response:
        del request
        base = self.url.removesuffix(FEED_PATH)
        return web.Response(text=render_feed(base, self._published),
                            content_type="application/rss+xml")

    async def __aenter__(self) -> Self:
        app = web.Application()
        app.router.add_get(FEED_PATH, self._serve)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        sockets = getattr(site._server, "sockets", None) or []
        port = int(sockets[0].getsockname()[1])
        self.url = f"http://127.0.0.1:{port}{FEED_PATH}"
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
