"""Fixtures for the ingest tests: the seed article's text and small helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEEDS

SEED_ARTICLE = SEEDS / "000_a9ea9248f7a23e13.txt"


@pytest.fixture
def seed_text() -> str:
    """The bundled Conversation article, byte for byte as shipped."""
    return SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A folder holding a copy of the seed article and its sidecar."""
    folder = tmp_path / "in"
    folder.mkdir()
    for source in (SEED_ARTICLE, SEED_ARTICLE.with_name(SEED_ARTICLE.name + ".meta.json")):
        (folder / source.name).write_bytes(source.read_bytes())
    return folder
