"""Extractive summaries with sumy, fully offline: no NLTK data, no network.

Public API: `summarize`, `split_sentences`, `Length`, `get_algorithm`, `algorithm_names`,
`UnknownAlgorithm`, and `ALGORITHMS` (the registry, for adding an algorithm).

`Length` and `Unit` are imported eagerly; the rest loads on first use (PEP 562), because
the registry imports sumy, which imports NLTK and SciPy: seconds of start-up that
commands which never summarize (`newsdigest topics`, `--help`) should not pay.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from digests.summarize.length import Length, Unit

if TYPE_CHECKING:
    from digests.summarize.registry import (
        ALGORITHMS,
        UnknownAlgorithm,
        algorithm_names,
        get_algorithm,
    )
    from digests.summarize.summarizer import split_sentences, summarize

_LAZY = {
    "ALGORITHMS": "digests.summarize.registry",
    "UnknownAlgorithm": "digests.summarize.registry",
    "algorithm_names": "digests.summarize.registry",
    "get_algorithm": "digests.summarize.registry",
    "split_sentences": "digests.summarize.summarizer",
    "summarize": "digests.summarize.summarizer",
}


def __getattr__(name: str) -> object:
    """Import a public name's module on first access, then keep the name here."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "ALGORITHMS",
    "Length",
    "Unit",
    "UnknownAlgorithm",
    "algorithm_names",
    "get_algorithm",
    "split_sentences",
    "summarize",
]
