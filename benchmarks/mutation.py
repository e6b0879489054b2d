"""Mutation testing of the rule modules with mutmut 3, one module at a time.

Usage: ``make mutation`` (every module), or
``.venv/bin/python benchmarks/mutation.py weekdays durations`` (some of them).

Each module is run in its own scratch copy of the repository (``.mutation/<name>/``), with a
``[tool.mutmut]`` section that mutates only that file and runs only the tests that own it,
so a run costs minutes, not the whole suite per mutant. Runs are ``nice``d and use one
worker unless ``MUTATION_WORKERS`` says otherwise (the machine is shared). It prints one row
per module: mutants, killed, timed out, survived, other (not run, no tests), and the score
``(killed + timeout) / (mutants - equivalent)``, where the equivalent mutants are the ones
listed with a reason in docs/testing.md. It is not part of ``make test`` or CI: it is slow.
"""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = ROOT / ".mutation"
DOCS = ROOT / "docs" / "testing.md"
MUTMUT = Path(sys.executable).parent / "mutmut"


@dataclass(frozen=True)
class Target:
    """A rule module and the tests that state its behaviour."""

    name: str
    module: str
    tests: tuple[str, ...]
    functions: tuple[str, ...] = ()  # only these functions' mutants (fnmatch); () = all

    def patterns(self) -> list[str]:
        """Mutant-name patterns for `mutmut run`: the listed functions, or every mutant."""
        dotted = self.module.removesuffix(".py").replace("/", ".")
        return [f"{dotted}.{function}__mutmut_*" for function in self.functions]


TARGETS = (
    Target("weekdays", "digests/subscriptions/weekdays.py",
           ("tests/subscriptions/test_words.py", "tests/subscriptions/test_schedule.py")),
    Target("durations", "digests/timeparse.py", ("tests/subscriptions/test_words.py",)),
    Target("zones", "digests/subscriptions/zones.py",
           ("tests/subscriptions/test_words.py", "tests/subscriptions/test_schedule.py")),
    Target("schedule", "digests/subscriptions/schedule.py",
           ("tests/subscriptions/test_schedule.py", "tests/subscriptions/test_words.py")),
    Target("subscribe-args", "digests/subscriptions/args.py",
           ("tests/subscriptions/test_words.py",)),
    # Not the bot tests: a mutant that breaks a handler makes each wait out its 60-s ceiling
    # (hours per run); the manager's behaviour is stated at its own seam, on both databases.
    Target("subscription-management", "digests/subscriptions/manage.py",
           ("tests/subscriptions/test_manage.py", "tests/subscriptions/test_delivery.py")),
    Target("query", "digests/query.py", ("tests/core/test_query.py",)),
    Target("topics", "digests/topics.py", ("tests/core/test_topics.py",)),
    Target("normalize", "digests/ingest/normalize.py",
           ("tests/ingest/test_normalize.py", "tests/ingest/test_signature.py")),
    Target("signature", "digests/ingest/signature.py", ("tests/ingest/test_signature.py",)),
    # The folding rules, not the whole digest module (ranking and key points have their own
    # tests and are not rules): FoldingRules is data; these functions apply it.
    Target("folding", "digests/digest.py",
           ("tests/core/test_folding.py", "tests/core/test_digest.py"),
           ("x_fold_stories", "x__same_story", "x__same_things_named", "x__evidence",
            "xǁ_UnionFindǁ*")),
    # tests/bot/test_limits.py holds plain tests of bot/limits.py, not the bot end to end
    # (tests/botapi/test_limits.py is the local server's flood control, another module).
    Target("telegram-limits", "bot/limits.py",
           ("tests/render/test_keyboards.py", "tests/bot/test_limits.py")),
    Target("callback-data", "bot/render/callback.py", ("tests/render/test_callback.py",)),
    Target("urls", "digests/web/urls.py", ("tests/web/test_urls.py",)),
    Target("digits", "digests/digits.py",
           ("tests/core/test_digits.py", "tests/subscriptions/test_words.py")),
    Target("ids", "digests/ids.py", ("tests/core/test_digits.py",)),
)
COPIED = ("digests", "bot", "tests", "seeds", "pyproject.toml")


def equivalent_mutants() -> set[str]:
    """Mutant names listed as equivalent in docs/testing.md (a line "- `name`: reason")."""
    if not DOCS.exists():
        return set()
    return set(re.findall(r"^- `([\w.]+__mutmut_\d+)`:", DOCS.read_text("utf-8"), re.M))


def prepare(target: Target) -> Path:
    """A fresh scratch copy whose pyproject.toml mutates `target` only."""
    work = SCRATCH / target.name
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.sqlite3", ".hypothesis")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, work / name, ignore=ignore)
        else:
            shutil.copy(source, work / name)
    tests = ", ".join(f'"{t}"' for t in target.tests)
    with (work / "pyproject.toml").open("a", encoding="utf-8") as config:
        config.write(
            "\n[tool.mutmut]\n"
            'source_paths = ["digests", "bot"]\n'
            'also_copy = ["seeds"]\n'  # the ingest tests read the bundled seed article
            f'only_mutate = ["{target.module}"]\n'
            f"pytest_add_cli_args_test_selection = [{tests}]\n"
            'pytest_add_cli_args = ["-p", "no:cacheprovider", "-q", "-x"]\n'
        )
    return work


def run(target: Target) -> dict[str, str]:
    """Run mutmut on one target; every mutant's name -> its status."""
    work = prepare(target)
    workers = os.environ.get("MUTATION_WORKERS", "1")
    env = {**os.environ, "HYPOTHESIS_PROFILE": "ci"}
    patterns = target.patterns()
    subprocess.run(["nice", "-n", "19", str(MUTMUT), "run", "--max-children", workers,
                    *patterns], cwd=work, env=env, check=False, stdout=subprocess.DEVNULL)
    shown = subprocess.run([str(MUTMUT), "results", "--all", "true"], cwd=work, env=env,
                           check=False, capture_output=True, text=True).stdout
    statuses: dict[str, str] = {}
    for line in shown.splitlines():
        name, _, status = line.strip().partition(": ")
        if "__mutmut_" in name and (not patterns or
                                    any(fnmatch.fnmatch(name, p) for p in patterns)):
            statuses[name] = status.strip()
    return statuses


def main(argv: list[str]) -> int:
    """Run the named targets (all by default) and print the score table."""
    wanted = [t for t in TARGETS if not argv or t.name in argv]
    equivalent = equivalent_mutants()
    rows = []
    for target in wanted:
        statuses = run(target)
        if statuses and all(s == "not checked" for s in statuses.values()):
            print(f"{target.name}: mutmut could not run the tests; run `mutmut run` in "
                  f".mutation/{target.name} to see why", flush=True)
        for name, status in sorted(statuses.items()):
            if status == "survived" and name not in equivalent:
                print(f"  survived: {name}", flush=True)
            elif status in ("killed", "timeout") and name in equivalent:
                # Mutant numbers shift when a function changes: a listed name that a test
                # kills now names another mutant than the one its reason was written for.
                print(f"  listed as equivalent but {status} (stale entry?): {name}", flush=True)
            elif status == "timeout" and name not in equivalent:
                # Counted as killed (mutmut's own score does), but a survivor whose full test
                # run outlasts mutmut's wall limit on a loaded machine is reported so too:
                # re-run the module on a quiet machine before trusting a timeout.
                print(f"  timeout (counted as killed): {name}", flush=True)
        counted = {n: s for n, s in statuses.items() if n not in equivalent}
        killed = sum(s == "killed" for s in counted.values())
        # A mutant that makes the tests hang (an endless loop) is caught: the suite never passes.
        timeout = sum(s == "timeout" for s in counted.values())
        survived = sum(s == "survived" for s in counted.values())
        score = 100.0 * (killed + timeout) / len(counted) if counted else 0.0
        rows.append((target.name, len(statuses), len(statuses) - len(counted), killed, timeout,
                     survived, len(counted) - killed - timeout - survived, score))
        print(f"{target.name}: {score:.1f}% killed", flush=True)
    print(f"\n{'module':<26}{'mutants':>8}{'equiv':>7}{'killed':>8}{'timeout':>8}{'survived':>9}"
          f"{'other':>7}{'score':>8}")
    for name, total, equiv, killed, timeout, survived, other, score in rows:
        print(f"{name:<26}{total:>8}{equiv:>7}{killed:>8}{timeout:>8}{survived:>9}{other:>7}"
              f"{score:>7.1f}%")
    return 0 if all(row[-1] >= 90.0 for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
