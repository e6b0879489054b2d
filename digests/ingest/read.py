"""Reading stage: turn paths (files, folders, "-" for stdin) into documents.

Folders are walked recursively in sorted order so runs are reproducible. Inside a
folder, files we cannot parse, hidden files, READMEs/licences and `*.meta.json`
sidecars are skipped (they are not articles); a file named explicitly is never skipped:
it is read or rejected with a reason.

Reads are bounded whatever the file claims to be: only regular files are opened (a
symlink to `/dev/zero`, a FIFO or a socket is refused before any read, and a FIFO is
never opened in blocking mode), at most `max_bytes + 1` bytes are read rather than
trusting `stat().st_size`, and JSON Lines are streamed one capped line at a time
(`LineStream`), so a file of any size costs memory for one batch, not for the file.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol

from digests import reasons
from digests.ingest.types import DocumentKind, LineStream, RawDocument, Rejection

STDIN = "-"
STDIN_LABEL = "<stdin>"
SIDECAR_SUFFIX = ".meta.json"
SIDECAR_MAX_BYTES = 1_000_000
SUFFIXES: dict[str, DocumentKind] = {
    ".txt": DocumentKind.TEXT,
    ".text": DocumentKind.TEXT,
    ".md": DocumentKind.MARKDOWN,
    ".markdown": DocumentKind.MARKDOWN,
    ".html": DocumentKind.HTML,
    ".htm": DocumentKind.HTML,
    ".jsonl": DocumentKind.JSONL,
    ".json": DocumentKind.JSONL,
}
_NOT_ARTICLES = ("readme", "license", "licence", "changelog", "source")
_SNIFF_BYTES = 512
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)
_BLANK = b"\xef\xbb\xbf \t\r\n"


@dataclass(frozen=True, slots=True)
class Discovery:
    """The inputs found under the given paths, and what was skipped on the way."""

    inputs: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


class LineReader(Protocol):
    """What reading needs of a byte stream (files, stdin, `io.BytesIO`)."""

    def read(self, size: int, /) -> bytes: ...  # noqa: D102

    def readline(self, size: int, /) -> bytes: ...  # noqa: D102


def _is_candidate(path: Path) -> bool:
    name = path.name.lower()
    return (
        not name.startswith(".")
        and not name.endswith(SIDECAR_SUFFIX)
        and not name.startswith(_NOT_ARTICLES)
        and path.suffix.lower() in SUFFIXES
    )


def discover(paths: Iterable[str]) -> Discovery:
    """List the files to read, expanding folders; cheap, so a progress bar knows the total."""
    found = Discovery()
    for name in paths:
        path = Path(name)
        if name == STDIN or not path.is_dir():
            found.inputs.append(name)
            continue
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if child.name.endswith(SIDECAR_SUFFIX):
                continue  # read with its article, not on its own
            target = found.inputs if _is_candidate(child) else found.skipped
            target.append(str(child))
    return found


def sniff_kind(data: bytes) -> DocumentKind:
    """Guess the kind of stdin input, which has no file name to go by."""
    head = data[:_SNIFF_BYTES].lstrip(_BLANK).lower()
    if head.startswith((b"{", b"[")):
        return DocumentKind.JSONL
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<article")):
        return DocumentKind.HTML
    return DocumentKind.TEXT


class _Joined:
    """Bytes already read (to sniff them) followed by the rest of the stream."""

    def __init__(self, head: bytes, rest: LineReader) -> None:
        self._head = io.BytesIO(head)
        self._rest = rest

    def read(self, size: int, /) -> bytes:
        data = self._head.read(size)
        return data + self._rest.read(size - len(data)) if len(data) < size else data

    def readline(self, size: int, /) -> bytes:
        line = self._head.readline(size)
        if line.endswith(b"\n") or len(line) >= size:
            return line
        return line + self._rest.readline(size - len(line))


def capped_lines(reader: LineReader, max_bytes: int,
                 stream: BinaryIO | None = None) -> Iterator[bytes | None]:
    """Each line of `reader` (None for one over `max_bytes`, skipped unread); closes `stream`."""
    try:
        while line := reader.readline(max_bytes + 1):
            if len(line) <= max_bytes or line.endswith(b"\n"):
                yield line
                continue
            while (rest := reader.readline(max_bytes + 1)) and not rest.endswith(b"\n"):
                pass  # discard the rest of the over-long line, a bounded piece at a time
            yield None
    finally:
        if stream is not None:
            stream.close()


def _from_stream(label: str, reader: LineReader, kind: DocumentKind | None, max_bytes: int,
                 metadata: dict[str, object], stream: BinaryIO | None = None,
                 ) -> RawDocument | LineStream | Rejection:
    """A document from an open stream: JSON Lines streamed, anything else read capped."""
    head = reader.read(_SNIFF_BYTES)
    kind = kind or sniff_kind(head)
    joined = _Joined(head, reader)
    streamable = not head.lstrip(_BLANK).startswith(b"[") and not head.startswith(_WIDE_BOMS)
    if kind is DocumentKind.JSONL and streamable:
        return LineStream(label, capped_lines(joined, max_bytes, stream), max_bytes)
    try:
        data = joined.read(max_bytes + 1)
    finally:
        if stream is not None:
            stream.close()
    if len(data) > max_bytes:
        return Rejection(label, f"too large: more than {max_bytes:,} bytes")
    return RawDocument(label, kind, data, metadata)


def open_regular(path: Path) -> BinaryIO:
    """Open a regular file for reading; anything else is refused before a byte is read.

    Raises:
        FileNotFoundError: no such file; IsADirectoryError / ValueError: not a regular
            file (the message says so).
    """
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise ValueError("not a regular file (a device, pipe or socket): refused")
    # O_NONBLOCK: should a FIFO replace the file after the check, opening cannot hang.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    stream = os.fdopen(descriptor, "rb")
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        stream.close()
        raise ValueError("not a regular file (a device, pipe or socket): refused")
    return stream


def _read_sidecar(path: Path) -> dict[str, object]:
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}
    with open_regular(sidecar) as stream:
        data = stream.read(SIDECAR_MAX_BYTES + 1)
    if len(data) > SIDECAR_MAX_BYTES:
        raise ValueError(f"sidecar {sidecar.name} is over {SIDECAR_MAX_BYTES:,} bytes")
    loaded = json.loads(data.decode("utf-8"))
    return loaded if isinstance(loaded, dict) else {}


def read_input(name: str, max_bytes: int, stdin: BinaryIO | None = None,
               ) -> RawDocument | LineStream | Rejection:
    """Open one file (or stdin): read at most `max_bytes`, or stream its JSON Lines."""
    if name == STDIN:
        if stdin is None:
            return Rejection(STDIN_LABEL, reasons.UNREADABLE_FILE.format(error=reasons.NO_STDIN))
        return _from_stream(STDIN_LABEL, stdin, None, max_bytes, {})
    path = Path(name)
    if not path.exists():
        return Rejection(name, reasons.UNREADABLE_FILE.format(error=reasons.NO_SUCH_FILE))
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        suffix = repr(path.suffix or "(none)")
        return Rejection(name, reasons.UNSUPPORTED_FILE.format(suffix=suffix))
    try:
        metadata = _read_sidecar(path)
        stream = open_regular(path)
    except (OSError, ValueError, RecursionError) as error:
        return Rejection(name, reasons.UNREADABLE_FILE.format(error=error))
    return _from_stream(name, stream, kind, max_bytes, metadata, stream)


def read_inputs(names: Iterable[str], max_bytes: int, stdin: BinaryIO | None = None,
                ) -> Iterator[RawDocument | LineStream | Rejection]:
    """Read each named input in turn (lazily: only one file is held at a time)."""
    for name in names:
        yield read_input(name, max_bytes, stdin)
