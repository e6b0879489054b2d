from pathlib import Path

import pytest

from digests.settings import Settings
from tests.conftest import REPO_ROOT


def test_env_example_as_dotenv_gives_the_defaults(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text((REPO_ROOT / ".env.example").read_text())
    loaded = Settings()
    defaults = Settings(_env_file=None)  # type: ignore[call-arg]
    assert loaded == defaults
    assert loaded.telegram_bot_token is None
    assert loaded.topics_file is None


def test_env_example_documents_every_setting() -> None:
    text = (REPO_ROOT / ".env.example").read_text()
    for name in Settings.model_fields:
        assert name.upper() in text, name
