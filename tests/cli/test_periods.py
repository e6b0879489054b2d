"""`newsdigest digest --period` reads the periods `/digest` reads (issue 12)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from cli.main import run
from digests.periods import ACCEPTED
from tests.conftest import SEEDS

Invoke = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> Invoke:
    monkeypatch.chdir(tmp_path)  # no developer .env
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COLUMNS", "200")

    def invoke(*argv: str) -> tuple[int, str, str]:
        try:
            code = run(list(argv))
        except SystemExit as exit_:  # argparse refuses before any command runs
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return invoke


def test_typed_periods_choose_the_window(cli: Invoke) -> None:
    assert cli("ingest", str(SEEDS))[0] == 0
    code, output, _ = cli("digest", "russia-china", "--period", "since 2000-01-01")
    assert code == 0
    assert re.search(r"2000-01-01 – \d{4}-\d{2}-\d{2}", output)
    for period in ("today", "yesterday", "week", "7d", "3 days", "since Monday"):
        code, _, err = cli("digest", "russia-china", "--period", period)
        assert code == 0, (period, err)
    code, _, err = cli("digest", "putin xi summit", "--period", "yesterday")
    assert code == 1
    assert "for “yesterday”" in err


@pytest.mark.parametrize("period", ["fortnight", "since Mondy", "3 months", "7sec", ""])
def test_other_periods_are_refused_with_the_accepted_forms(cli: Invoke, period: str) -> None:
    code, _, err = cli("digest", "russia-china", "--period", period)
    assert code == 2
    assert ACCEPTED in " ".join(err.split())


def test_period_and_since_are_one_or_the_other(cli: Invoke) -> None:
    code, _, err = cli("digest", "russia-china", "--period", "week", "--since", "7d")
    assert code == 2
    assert "not allowed with argument" in err


def test_a_refused_period_is_said_in_the_readers_language(cli: Invoke) -> None:
    # `--period 7x --lang ru` answered in English: argparse refused it before --lang was read.
    code, _, err = cli("digest", "russia-china", "--period", "7x", "--lang", "ru")
    assert code == 2
    assert "Не понимаю период «7x»" in err
    assert ACCEPTED in " ".join(err.split())
