"""Reading stage: turn paths (files, folders, "-" for stdin) into `RawDocument`s.

Folders are walked recursively in sorted order so runs are reproducible. Inside a
folder, files we cannot parse, hidden files, READMEs/licences and `*.meta.json`
sidecars are skipped (they are not articles); a file named explicitly is never skipped:
it is read or rejected with a reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from digests.ingest.types import DocumentKind, RawDocument, Rejection

STDIN = "-"
SIDECAR_SUFFIX = ".meta.json"
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


@dataclass(frozen=True, slots=True)
class Discovery:
    """The inputs found under the given paths, and what was skipped on the way."""

    inputs: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


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
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{"):
        return DocumentKind.JSONL
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<article")):
        return DocumentKind.HTML
    return DocumentKind.TEXT


def _read_sidecar(path: Path) -> dict[str, object]:
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return {}
    loaded = json.loads(sidecar.read_text(encoding="utf-8"))
    return loaded if isinstance(loaded, dict) else {}


def read_input(name: str, max_bytes: int, stdin: BinaryIO | None = None) -> RawDocument | Rejection:
    """Read one file (or stdin) into memory, refusing files larger than `max_bytes`."""
    if name == STDIN:
        if stdin is None:
            return Rejection("<stdin>", "unreadable: no standard input")
        data = stdin.read(max_bytes + 1)
        if len(data) > max_bytes:
            return Rejection("<stdin>", f"too large: more than {max_bytes} bytes")
        return RawDocument("<stdin>", sniff_kind(data), data)
    path = Path(name)
    if not path.exists():
        return Rejection(name, "unreadable: no such file or folder")
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        return Rejection(name, f"unsupported file type {path.suffix or '(none)'!r}")
    try:
        size = path.stat().st_size
        if size > max_bytes and kind is not DocumentKind.JSONL:
            return Rejection(name, f"too large: {size} bytes (limit {max_bytes})")
        return RawDocument(name, kind, path.read_bytes(), _read_sidecar(path))
    except (OSError, ValueError) as error:
        return Rejection(name, f"unreadable: {error.__class__.__name__}: {error}")


def read_inputs(names: Iterable[str], max_bytes: int,
                stdin: BinaryIO | None = None) -> Iterator[RawDocument | Rejection]:
    """Read each named input in turn (lazily: only one file is held at a time)."""
    for name in names:
        yield read_input(name, max_bytes, stdin)
