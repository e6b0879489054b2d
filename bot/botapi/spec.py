"""The Bot API method catalogue: which methods exist and which parameters they take.

The official catalogue (``botapi.json``, scraped from core.telegram.org) is ~900 kB and lives
outside the package, so a trimmed copy (``spec.json``: method names, parameter names, types and the
required flag) ships inside it.  :func:`load_spec` prefers an explicit path, then the shared
full file when it is present, then the packaged copy.  Regenerate the copy with
``python -m bot.botapi.spec /work/shared/telegram/botapi.json bot/botapi/spec.json``.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

SHARED_SPEC = Path(__file__).resolve().parents[3] / "shared" / "telegram" / "botapi.json"


@dataclass(frozen=True)
class Field:
    """One parameter of a method.

    Attributes:
        name: Parameter name.
        types: Spellings from the docs, e.g. ``("Integer", "String")``.
        required: Whether the docs mark it required (conditional rules are written by hand).
    """

    name: str
    types: tuple[str, ...]
    required: bool


@dataclass(frozen=True)
class Spec:
    """Methods by name, each a mapping of parameter name to :class:`Field`."""

    version: str
    methods: dict[str, dict[str, Field]]


def trim(full: dict[str, Any]) -> dict[str, Any]:
    """Reduce the official catalogue to what validation needs; ``"Integer|String!"`` per field."""
    methods = {
        name: {
            f["name"]: "|".join(f["types"]) + ("!" if f["required"] else "")
            for f in method.get("fields", [])
        }
        for name, method in sorted(full["methods"].items())
    }
    return {"version": full["version"], "methods": methods}


def _from_trimmed(data: dict[str, Any]) -> Spec:
    methods = {
        name: {
            field: Field(field, tuple(kind.rstrip("!").split("|")), kind.endswith("!"))
            for field, kind in fields.items()
        }
        for name, fields in data["methods"].items()
    }
    return Spec(version=data["version"], methods=methods)


def parse_spec(data: dict[str, Any]) -> Spec:
    """Build a :class:`Spec` from either the full official JSON or the trimmed copy."""
    first: dict[str, Any] = next(iter(data["methods"].values()), {})
    return _from_trimmed(trim(data) if "href" in first else data)


def load_spec(path: Path | None = None) -> Spec:
    """Load the catalogue: ``path`` if given, else the shared full file, else the packaged copy."""
    if path is None and SHARED_SPEC.is_file():
        path = SHARED_SPEC
    return _load(path)


@lru_cache(maxsize=4)
def _load(path: Path | None) -> Spec:
    """Parse once per process: tests start many servers and the full file is ~900 kB."""
    if path is not None:
        return parse_spec(json.loads(path.read_text(encoding="utf-8")))
    text = resources.files("bot.botapi").joinpath("spec.json").read_text(encoding="utf-8")
    return parse_spec(json.loads(text))


def main(argv: list[str]) -> int:
    """Write the trimmed copy: ``python -m bot.botapi.spec SOURCE DEST``."""
    source, dest = Path(argv[0]), Path(argv[1])
    trimmed = trim(json.loads(source.read_text(encoding="utf-8")))
    dest.write_text(json.dumps(trimmed, separators=(",", ":")) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
