"""The reader audit of issue 11: junk, repeated and other-language lines in every topic.

    .venv/bin/python benchmarks/audit_digests.py [--language en] [--stories 5]

The seeds are ingested into a temporary SQLite database; each shipped topic's digest over
all time (`newsdigest digest <topic> --since 100000d`) is audited line by line with
`digests.evaluation.audit` and printed as a Markdown table. `--language` is the chat's
language (passed to the digest as `--lang` is): lines whose detected language differs
count as "other lang".
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from digests.evaluation.audit import TRANSCRIPT, AuditRow, audit_digest, format_table
from digests.service import NewsService
from digests.settings import Settings
from digests.store import open_store
from digests.summarize.standalone import (
    BARE_QUOTE,
    FIRST_PERSON,
    LONG_KEY_POINT,
    POINTS_BACK,
    REPLY,
    UNNAMED_SUBJECT,
    Junk,
)
from digests.topics import load_topics

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ALL_TIME = timedelta(days=100_000)


def audit_topics(service: NewsService, language: str | None, stories: int) -> list[AuditRow]:
    """One audit row per shipped topic."""
    return [
        audit_digest(
            name,
            service.digest(name, since=ALL_TIME, stories=stories, language=language),
            language,
        )
        for name in service.topics
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", default="en", help="the reader's language; '' for none")
    parser.add_argument("--stories", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(_env_file=None, data_dir=Path(folder))  # type: ignore[call-arg]
        store = open_store(settings.resolved_database_url())
        service = NewsService(store, settings, load_topics(settings.topics_file))
        service.ingest([SEEDS])
        rows = audit_topics(service, args.language or None, args.stories)
        store.close()
    kinds = [kind.value for kind in Junk] + [POINTS_BACK, LONG_KEY_POINT, BARE_QUOTE, FIRST_PERSON,
                                             UNNAMED_SUBJECT, REPLY, TRANSCRIPT]
    used = [k for k in kinds if any(row.junk[k] for row in rows)] or kinds[:3]
    print(format_table(rows, used))


if __name__ == "__main__":
    main()
