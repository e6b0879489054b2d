"""`newsdigest --help` and `newsdigest topics` load only what they use (issue 14.5).

Start-up is most of these commands' time, and one eager import anywhere on the path
(the settings' pydantic-settings, SQLAlchemy, the summarizers, numpy and scipy) brings it
back; the modules loaded are checked, not the seconds, which depend on the machine
(`benchmarks/bench_startup.py` prints those).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, sys
sys.argv[0] = "newsdigest"
from cli.main import main
try:
    main({argv!r})
except SystemExit:
    pass
sys.stdout.write("\\n" + json.dumps(sorted(sys.modules)))
"""
HEAVY = ("sqlalchemy", "alembic", "sumy", "numpy", "scipy", "telegram", "trafilatura",
         "digests.service", "digests.store")


def loaded(argv: list[str], tmp_path: Path) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv)], cwd=ROOT, capture_output=True,
        text=True, check=True, env={"DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    return set(json.loads(result.stdout.rsplit("\n", 1)[1]))


@pytest.mark.parametrize("argv", [["--help"], ["digest", "--help"], ["topics"]])
def test_short_commands_import_no_heavy_library(argv: list[str], tmp_path: Path) -> None:
    modules = loaded(argv, tmp_path)
    assert not [m for m in modules if m.split(".")[0] in HEAVY or m in HEAVY]


def test_help_reads_no_settings(tmp_path: Path) -> None:
    modules = loaded(["--help"], tmp_path)
    assert "pydantic_settings" not in modules
    assert "rich" not in modules
