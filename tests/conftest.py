"""Shared fixtures: settings on a temporary data folder, a migrated SQLite store."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from digests.settings import Settings
from digests.store import open_store
from digests.store.base import Store

# Hypothesis: `make test` and CI use the deterministic "ci" profile (derandomized: the same
# examples every run, so a red run is reproducible and a green one stays green); set
# HYPOTHESIS_PROFILE=dev to explore new random examples while working on a module.
hypothesis_settings.register_profile(
    "ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.register_profile("dev", max_examples=300, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS = REPO_ROOT / "seeds"


@pytest.fixture(autouse=True)
def _no_nltk_data(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs as on an air-gapped server: NLTK finds no data, and the env is clean."""
    empty = tmp_path_factory.mktemp("nltk_data")
    monkeypatch.setenv("NLTK_DATA", str(empty))
    for name in ("TELEGRAM_BOT_TOKEN", "DATABASE_URL", "DATA_DIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings on a temporary data folder, ignoring any developer `.env`."""
    return Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    """A fresh migrated SQLite store."""
    opened = open_store(settings.resolved_database_url())
    yield opened
    opened.close()
