"""Scale: ingest, search and digests at 10,000 and 100,000 articles, SQLite and PostgreSQL.

    nice -n 19 .venv/bin/python benchmarks/bench_scale.py \
        [--articles 10000,100000] [--backend sqlite,postgresql] \
        [--dataset ../shared/datasets/bbc-news-summary/bbc.jsonl] \
        [--postgres postgresql://postgres@127.0.0.1:5432/bench_scale] [--runs 5] \
        [--keep DIR] [--skip-digests] [--agreement]

The corpus is made from real text: the sentences of the BBC News Summary articles (the
file `--dataset` points at; nothing of it is in this repository, and without it the
benchmark says so and exits) recombined with a fixed seed into distinct articles of one
category each, plus 3 % Russian articles recombined from the Russian seed articles and
3 % light rewrites of a recent article (near-duplicates). Article i is published
86.4 s after article i-1 (1,000 a day) and the clock stands just after the last one, so
each size is a prefix of the larger ones: 100,000 articles are 100 days of the same
daily volume as the 10 days of 10,000, and a 24 h digest sees as many articles at both
sizes. Every (size, backend) runs in a fresh process on a fresh database (SQLite file in
a temporary folder, or a new schema in the PostgreSQL database, created if missing).

Each run ingests the corpus as `newsdigest ingest corpus.jsonl` does (JSON Lines
streamed in batches), then times, in process through `NewsService`:
- search: >= 20 queries (words, phrases, OR, prefixes, NOT, Russian), each once untimed,
  then `--runs` times; p50/p95 over all timed calls;
- digest: three topics over the last 24 h, once untimed (fills the summary cache), then
  `--runs` times each (warm, what every later request pays); p50/p95 over all calls.
With `--keep DIR` each database is built in DIR (SQLite `DIR/sqlite-N/scale.sqlite3`,
PostgreSQL schema `keep_N`) and kept; a later run with the same DIR finds it complete
and times search and digests on it without ingesting again (the ingest rows show "–"),
so experiments on search at 100,000 articles need not rebuild it (10-20 minutes).

With `--agreement` each query's top 10 is also compared with the top 10 of every public
match ranked by relevance times recency (scoring them all, so slow): how many of the
service's are among them, summed over the queries.

"CPU/article" is this process's CPU (both ingest threads) per article; on PostgreSQL
"server CPU/article" adds the backends' CPU read from /proc. Search CPU is this process's
CPU per search (p50/p95) and, on PostgreSQL, the server's mean per search (/proc ticks
are 10 ms, too coarse for one call): on a loaded machine they say what a search costs
when wall time says mostly how long it waited for a core. Peak RSS is the process's
maximum resident set after ingest. The last column is each figure at the largest size
over the smallest. Compare ratios more than absolute figures: the machine is shared (the
load average is printed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import percentile, timed  # noqa: E402

DATASET_NAME = Path("datasets") / "bbc-news-summary" / "bbc.jsonl"
RUSSIAN_SEEDS = ROOT / "seeds" / "corpus.jsonl"
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/bench_scale"
START = datetime(2026, 1, 1, tzinfo=UTC)
SPACING = timedelta(seconds=86.4)
SEED = 14
QUERIES = [
    "economy", "election", "football", "broadband", "film", "shares", "minister", "china",
    '"prime minister"', '"interest rates"', '"mobile phone"', '"world cup"',
    "oil OR gas", "chelsea OR arsenal", "blair OR brown OR howard",
    "champion*", "econom*", "technolog*",
    "music -award", "(games OR console) AND sales",
    "путин", "переговоры", "росси*", '"си цзиньпин"',
]
TOPICS = {
    "markets": "shares OR profits OR economy",
    "politics": "election OR labour OR tories",
    "screen": "film OR music OR award",
}
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def find_dataset(given: Path | None) -> Path | None:
    """The BBC file: as given, else `shared/` beside the checkout or beside its worktree."""
    if given is not None:
        return given if given.is_file() else None
    for shared in (ROOT.parent / "shared", ROOT.parent.parent / "shared"):
        if (shared / DATASET_NAME).is_file():
            return shared / DATASET_NAME
    return None


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text.replace("\n", " ")) if len(s.strip()) > 30]


def _load(path: Path, text_key: str, *, language: str | None = None) -> list[dict[str, Any]]:
    sources = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if language is not None and record.get("language") != language:
            continue
        sentences = _sentences(str(record[text_key]))
        if len(sentences) >= 3:
            sources.append({"title": record["title"], "category": record.get("category", "ru"),
                            "sentences": sentences})
    return sources


def generate(dataset: Path, count: int) -> Iterator[dict[str, Any]]:
    """`count` corpus records; the first n of a longer run are exactly a run of n."""
    rng = random.Random(SEED)
    english = _load(dataset, "article")
    russian = _load(RUSSIAN_SEEDS, "text", language="ru")
    by_category: dict[str, list[dict[str, Any]]] = {}
    for source in english:
        by_category.setdefault(source["category"], []).append(source)
    recent: list[dict[str, Any]] = []
    for index in range(count):
        roll = rng.random()
        if recent and roll < 0.03:
            base = rng.choice(recent)
            sentences = list(base["sentences"])
            for _ in range(max(1, len(sentences) // 8)):
                sentences[rng.randrange(len(sentences))] = rng.choice(
                    rng.choice(english)["sentences"])
            title, language = base["title"], base["language"]
        else:
            pool = russian if roll < 0.06 else by_category[rng.choice(sorted(by_category))]
            main, *others = rng.sample(pool, 3)
            rest = [s for o in (main, *others) for s in o["sentences"][2:]]
            sentences = main["sentences"][:2] + rng.sample(rest, min(rng.randint(5, 14),
                                                                     len(rest)))
            title, language = main["title"], "ru" if roll < 0.06 else "en"
        record = {"title": title, "sentences": sentences, "language": language}
        recent = [*recent[-1999:], record]
        text = "\n\n".join(" ".join(sentences[i: i + 3]) for i in range(0, len(sentences), 3))
        yield {"id": f"scale-{index}", "source": "bench-scale", "title": title, "text": text,
               "language": language, "published": (START + index * SPACING).isoformat(),
               "url": f"https://news.example/{index}"}


# The child process: one size on one backend ------------------------------------
def _postgres_schema_url(base: str, schema: str) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from digests.store import normalize_url

    url = make_url(base)
    admin = create_engine(normalize_url(url.set(database="postgres").render_as_string(False)),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :d"),
                        {"d": url.database}).first() is None:
            conn.execute(text(f'CREATE DATABASE "{url.database}"'))
    admin.dispose()
    engine = create_engine(normalize_url(base))
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return normalize_schema_url(base, schema)


def normalize_schema_url(base: str, schema: str) -> str:
    """The URL of `base` with `schema` first on the search path."""
    from digests.store import normalize_url

    with_path = normalize_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return with_path.render_as_string(hide_password=False)


def _backend_pids(engine: Any, database: str) -> list[int]:
    """The server processes serving `database` now."""
    from sqlalchemy import text

    with engine.connect() as conn:
        return list(conn.execute(text("SELECT pid FROM pg_stat_activity WHERE datname = :d"),
                                 {"d": database}).scalars().all())


def _backend_cpu(engine: Any, database: str) -> float:
    """CPU seconds used so far by the server processes serving `database` (from /proc)."""
    return _pids_cpu(_backend_pids(engine, database))


def _pids_cpu(pids: list[int]) -> float:
    """CPU seconds used so far by these processes (from /proc; ticks of 10 ms)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def _db_size(store: Any, url: str) -> int:
    from sqlalchemy import text

    if store.engine.dialect.name == "sqlite":
        path = Path(store.engine.url.database)
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    with store.engine.connect() as conn:
        return int(conn.execute(text(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')")).scalar_one())


def _timed_searches(service: Any, queries: list[str], runs: int,
                    server_pids: list[int] | None) -> dict[str, Any]:
    """Each query once untimed, then `runs` times: wall and CPU figures, and hit counts."""
    wall: list[float] = []
    cpu: list[float] = []
    server = 0.0
    hits = []
    for query in queries:
        hits.append(len(service.search(query)))
        for _ in range(runs):
            server_start = _pids_cpu(server_pids) if server_pids else 0.0
            start, cpu_start = time.perf_counter(), time.process_time()
            service.search(query)
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - cpu_start) * 1000)
            if server_pids:
                server += _pids_cpu(server_pids) - server_start
    return {"search_p50": statistics.median(wall), "search_p95": percentile(wall, 0.95),
            "search_cpu_p50": statistics.median(cpu), "search_cpu_p95": percentile(cpu, 0.95),
            "search_server_cpu": server * 1000 / len(wall) if server_pids else None,
            "hits": hits}


def _agreement(service: Any, store: Any, queries: list[str]) -> int:
    """How many of each query's top 10 are also in its top 10 when every match is ranked.

    The reference scores every public match (no candidate cap) and orders them all by
    relevance times recency, as the service orders its pool: what an open search would
    show if scoring cost nothing. Summed over the queries (at most 10 each).
    """
    from digests.digest import rank_hits
    from digests.topics import relevant_hits

    shared = 0
    for query in queries:
        shown = {hit.article.id for hit in service.search(query)}
        resolved = service.resolve(query)
        cap, store.search_candidates = store.search_candidates, 10**9
        try:
            every = store.search(resolved.query, limit=10**9)
        finally:
            store.search_candidates = cap
        best = rank_hits(relevant_hits(resolved, every), now=service.clock())[:10]
        shared += len(shown & {hit.article.id for hit in best})
    return shared


def child(args: argparse.Namespace) -> dict[str, Any]:
    """Ingest the corpus file (unless kept from before), then time search and digests."""
    from digests.service import NewsService
    from digests.settings import Settings
    from digests.store import open_store
    from digests.topics import load_topics

    size, folder = args.size, Path(args.folder)
    now = START + size * SPACING + timedelta(minutes=1)
    kept = folder / "complete"
    reuse = args.keep is not None and kept.exists()
    schema = f"keep_{size}" if args.keep is not None else f"scale_{size}_{uuid.uuid4().hex[:6]}"
    if args.backend == "sqlite":
        for stale in () if reuse else folder.glob("scale.sqlite3*"):
            stale.unlink()  # an unfinished kept build
        url = f"sqlite:///{folder}/scale.sqlite3"
    elif reuse:
        url = normalize_schema_url(args.postgres, schema)
    else:
        url = _postgres_schema_url(args.postgres, schema)
    settings = Settings(_env_file=None, data_dir=folder, database_url=url)  # type: ignore[call-arg]
    store = open_store(url)
    service = NewsService(store, settings, load_topics(settings.topics_file), clock=lambda: now)
    database = store.engine.url.database or ""
    server = (lambda: _backend_cpu(store.engine, database)) if args.backend != "sqlite" else None
    figures: dict[str, Any] = {}
    if not reuse:
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        server_start = server() if server else 0.0
        wall, cpu = time.perf_counter(), time.process_time()
        report = service.ingest([Path(args.corpus)])
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        server_cpu = (server() - server_start) if server else None
        figures.update({
            "ingest_rate": size / wall, "cpu_ms": cpu / size * 1000,
            "server_cpu_ms": None if server_cpu is None else server_cpu / size * 1000,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "rss_start_mb": rss_before / 1024,
            "outcomes": {str(k): v for k, v in report.counts.items()},
        })
        if args.keep is not None:
            kept.write_text(datetime.now(UTC).isoformat() + "\n")
    figures["db_mb"] = _db_size(store, url) / 1e6
    service.search(QUERIES[0])  # connect, so the server process to watch exists
    pids = _backend_pids(store.engine, database) if args.backend != "sqlite" else None
    figures.update(_timed_searches(service, QUERIES, args.runs, pids))
    if args.agreement:
        figures["agreement"] = _agreement(service, store, QUERIES)
    if not args.skip_digests:
        digests: list[float] = []
        stories = []
        for query in TOPICS.values():
            digest = service.digest(query, since=timedelta(hours=24))
            stories.append((len(digest.stories), digest.total_matches))
            digests += timed(lambda q=query: service.digest(q, since=timedelta(hours=24)),
                             args.runs)
        figures.update(digest_p50=statistics.median(digests),
                       digest_p95=percentile(digests, 0.95), digest_matches=stories)
    store.close()
    if args.backend != "sqlite" and args.keep is None:
        from sqlalchemy import create_engine, text

        from digests.store import normalize_url

        engine = create_engine(normalize_url(args.postgres))
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()
    return figures


# The parent: make corpora, run children, print the table -------------------------
ROWS: list[tuple[str, str, Callable[[float], str]]] = [
    ("ingest rate (articles/s)", "ingest_rate", lambda v: f"{v:.0f}"),
    ("CPU per article (ms)", "cpu_ms", lambda v: f"{v:.2f}"),
    ("server CPU per article (ms)", "server_cpu_ms", lambda v: f"{v:.2f}"),
    ("peak RSS (MB)", "rss_mb", lambda v: f"{v:.0f}"),
    ("database size (MB)", "db_mb", lambda v: f"{v:.0f}"),
    ("search p50 (ms)", "search_p50", lambda v: f"{v:.1f}"),
    ("search p95 (ms)", "search_p95", lambda v: f"{v:.1f}"),
    ("search CPU p50 (ms, this process)", "search_cpu_p50", lambda v: f"{v:.1f}"),
    ("search CPU p95 (ms, this process)", "search_cpu_p95", lambda v: f"{v:.1f}"),
    ("search server CPU mean (ms)", "search_server_cpu", lambda v: f"{v:.1f}"),
    (f"search top 10 also in every match's top 10 (of {10 * len(QUERIES)})", "agreement",
     lambda v: f"{v:.0f}"),
    ("digest 24 h p50 (ms)", "digest_p50", lambda v: f"{v:.1f}"),
    ("digest 24 h p95 (ms)", "digest_p95", lambda v: f"{v:.1f}"),
]


def _short(size: int) -> str:
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def print_table(sizes: list[int], backends: list[str],
                results: dict[tuple[str, int], dict[str, Any]]) -> None:
    """One Markdown table: a column per (backend, size), the last/first ratio per backend."""
    header = [f"{b} {s:,}" for b in backends for s in sizes]
    ratios = [f"{b} {_short(sizes[-1])}/{_short(sizes[0])}" for b in backends] \
        if len(sizes) > 1 else []
    print("| figure | " + " | ".join(header + ratios) + " |")
    print("|---|" + "---:|" * (len(header) + len(ratios)))
    for label, key, show in ROWS:
        cells = []
        for backend in backends:
            for size in sizes:
                value = results[(backend, size)].get(key)
                cells.append("–" if value is None else show(value))
        for backend in backends if len(sizes) > 1 else []:
            first = results[(backend, sizes[0])].get(key)
            last = results[(backend, sizes[-1])].get(key)
            cells.append("–" if not first or last is None else f"{last / first:.2f}x")
        print(f"| {label} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", default="10000,100000")
    parser.add_argument("--backend", default="sqlite,postgresql")
    parser.add_argument("--dataset", type=Path)
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", metavar="DIR",
                        help="build the databases in DIR and keep them; reuse them if there")
    parser.add_argument("--skip-digests", action="store_true", help="time search only")
    parser.add_argument("--agreement", action="store_true",
                        help="also count how many of each query's top 10 ranking every match "
                             "by relevance times recency would show (slow: scores them all)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args)))
        return
    dataset = find_dataset(args.dataset)
    if dataset is None:
        print("bench_scale: skipped, the BBC News Summary file is not here (pass --dataset "
              "PATH to bbc.jsonl; it is not part of this repository)")
        return
    sizes = sorted(int(s) for s in args.articles.split(","))
    backends = [b.strip() for b in args.backend.split(",")]
    results: dict[tuple[str, int], dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
        def run_folder(backend: str, size: int) -> Path:
            if args.keep is None:
                return Path(tempfile.mkdtemp(dir=folder))
            path = Path(args.keep).resolve() / f"{backend}-{size}"
            path.mkdir(parents=True, exist_ok=True)
            return path

        corpus = Path(folder) / "corpus.jsonl"
        if not all((run_folder(b, s) / "complete").exists() for b in backends for s in sizes):
            with corpus.open("w", encoding="utf-8") as out:
                for record in generate(dataset, sizes[-1]):
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
        for size in sizes:
            part = Path(folder) / f"corpus-{size}.jsonl"
            if corpus.exists():
                with corpus.open(encoding="utf-8") as source, \
                        part.open("w", encoding="utf-8") as out:
                    for _, line in zip(range(size), source, strict=False):
                        out.write(line)
            for backend in backends:
                load = os.getloadavg()[0]
                command = [sys.executable, __file__, "--child", "--backend", backend,
                           "--size", str(size), "--corpus", str(part),
                           "--folder", str(run_folder(backend, size)),
                           "--postgres", args.postgres, "--runs", str(args.runs),
                           *(["--keep", args.keep] if args.keep else []),
                           *(["--skip-digests"] if args.skip_digests else []),
                           *(["--agreement"] if args.agreement else [])]
                done = subprocess.run(command, check=True, capture_output=True, text=True)
                results[(backend, size)] = json.loads(done.stdout.strip().splitlines()[-1])
                print(f"{backend} {size:,}: load average {load:.1f} -> "
                      f"{os.getloadavg()[0]:.1f}; {json.dumps(results[(backend, size)])}",
                      file=sys.stderr, flush=True)
    print(f"{len(QUERIES)} queries and {len(TOPICS)} digest topics, {args.runs} timed runs each; "
          f"load average (1 min) at the end {os.getloadavg()[0]:.1f}\n")
    print_table(sizes, backends, results)


if __name__ == "__main__":
    main()
