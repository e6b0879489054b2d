"""Lines typed into the sandbox: from a terminal, a pipe or a file, without blocking threads.

A thread blocked in `input()` cannot be interrupted, so Ctrl-C at the prompt used to hang
until Enter (asyncio waits for its worker threads on exit). Terminals and pipes are read
from the event loop instead (`add_reader`), so Ctrl-C ends the sandbox at once; regular
files, which the event loop cannot watch, never block and are read in a worker thread.

From a terminal, lines that arrive together (a paste) are one entry: a pasted article with
several paragraphs is one message, as in Telegram. Scripts mark such text with /paste.
"""

from __future__ import annotations

import asyncio
import os
import select
import stat
from collections.abc import AsyncIterator
from typing import TextIO

CHUNK = 65536


def _complete_lines(pending: bytes, data: bytes, eof: bool) -> tuple[list[str], bytes]:
    """Split `pending + data` into finished lines and the unfinished rest."""
    pending += data
    *lines, rest = pending.split(b"\n")
    if eof and rest:
        lines, rest = [*lines, rest], b""
    return [line.decode("utf-8", "replace").rstrip("\r") for line in lines], rest


async def _watched_lines(stream: TextIO, *, group: bool) -> AsyncIterator[str]:
    loop = asyncio.get_running_loop()
    fd = stream.fileno()
    queue: asyncio.Queue[str | None] = asyncio.Queue()
    pending = b""

    def on_readable() -> None:
        nonlocal pending
        chunks = [os.read(fd, CHUNK)]
        # A paste is already in the terminal's buffer when its first line is read.
        while group and chunks[-1] and select.select([fd], [], [], 0)[0]:
            chunks.append(os.read(fd, CHUNK))
        eof = not chunks[-1]
        lines, pending = _complete_lines(pending, b"".join(chunks), eof)
        entries = ["\n".join(lines)] if group and lines else lines
        for entry in entries:
            queue.put_nowait(entry)
        if eof:
            loop.remove_reader(fd)
            queue.put_nowait(None)

    loop.add_reader(fd, on_readable)
    try:
        while (entry := await queue.get()) is not None:
            yield entry
    finally:
        loop.remove_reader(fd)


async def _file_lines(stream: TextIO) -> AsyncIterator[str]:
    while line := await asyncio.to_thread(stream.readline):
        yield line.rstrip("\n")


async def input_entries(stream: TextIO) -> AsyncIterator[str]:
    """What was typed, one entry per line (a terminal's paste: one entry of several lines)."""
    try:
        watchable = not stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError):  # no descriptor (a StringIO in tests)
        watchable = False
    lines = (_watched_lines(stream, group=stream.isatty()) if watchable
             else _file_lines(stream))
    async for entry in lines:
        yield entry
