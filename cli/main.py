"""The `newsdigest` command-line tool (core commands, and `run` and `sandbox` for the bot).

The commands talk to the core in `digests`; `run` and `sandbox` hand over to the bot
(`bot.launch`), imported only when one of them is chosen.

Exit status: 0 on success, 2 on bad usage (argparse, unknown topic or algorithm, bad
length), 1 on errors (unknown article, unreadable input). Errors are one clear line on
stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from cli.sources import add_source_commands
from digests.i18n import ENGLISH, N_, Explained, Translator, explain, translator
from digests.language import DEFAULT_LANGUAGE, language_from_code, parse_choice
from digests.periods import ACCEPTED
from digests.query import QueryError

DEFAULT_SINCE = "24h"  # a digest's window when none is asked for

if TYPE_CHECKING:
    from rich.console import Console

    from digests.service import NewsService
    from digests.settings import Settings

    Handler = Callable[[argparse.Namespace, Settings, Console], int]

# The settings (pydantic-settings), the service with the store (SQLAlchemy, Alembic), the
# summarizers (sumy, NLTK, SciPy), the ingest pipeline (trafilatura, numpy) and the
# output (rich) are imported by the commands that use them: `--help` needs none of them
# and `topics` only the settings and rich (benchmarks/bench_startup.py, issue 14.5).

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
EMPTY_DATABASE = N_("The database holds no articles yet. Add the bundled samples with "
                    "“newsdigest ingest seeds/”, or your own files, folders and links with "
                    "“newsdigest ingest PATH”.")


class UsageError(Explained):
    """Bad arguments that argparse could not catch (exit status 2), said in ``--lang``."""




def _hint_if_empty(service: NewsService, t: Translator) -> None:
    """Tell a first user why nothing was found when nothing was ever ingested.

    On stderr, so ``--json`` output stays one document; "no new articles in the window"
    alone sent people looking for a wrong topic or period.
    """
    if service.count_articles() == 0:
        sys.stderr.write(t.gettext(EMPTY_DATABASE) + "\n")


def _emit(args: argparse.Namespace, console: Console, value: object,
          pretty: Callable[[], None]) -> int:
    """Print `value` as JSON with `--json`, else the readable form; the command succeeded."""
    if args.json:
        from cli import console as out

        out.print_json(console, value)
    else:
        pretty()
    return EXIT_OK


def _service(settings: Settings) -> NewsService:
    """The news service over the configured database, built once per command."""
    from digests.services.database import open_news

    return open_news(settings)


def cmd_ingest(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """Ingest files, folders, stdin and links (`cli.ingest`)."""
    from cli.ingest import cmd_ingest as ingest

    return ingest(args, settings, console, _service)


def cmd_search(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """Ranked full-text search."""
    from cli import console as out
    from digests.timeparse import parse_duration

    service = _service(settings)
    with closing(service):
        since = parse_duration(args.since) if args.since else None
        hits = service.search(args.query, since=since, limit=args.limit, language=args.lang)
        if not hits:
            _hint_if_empty(service, translator(args.lang))
    scored = [{"score": h.score, "article": h.article} for h in hits]
    return _emit(args, console, scored, lambda: out.print_hits(console, hits,
                                                                 translator(args.lang)))


def cmd_summary(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """Summary of an article, a file, or the best match for a topic or query."""
    from cli import console as out
    from digests import reasons
    from digests.service import NotFound
    from digests.summarize import Length

    Length.parse(args.length or settings.summary_length)
    service = _service(settings)
    with closing(service):
        if args.file is not None:
            if Path(args.file).is_dir():
                raise UsageError(N_("{path} is a folder; --file takes one file"), path=args.file)
            result = service.ingest([args.file])
            ids = [i for r in result.results if (i := r.article_id or r.original_id) is not None]
            if not ids:
                t = translator(args.lang)
                why = "; ".join(reasons.translate(r.reason, t) for r in result.results)
                raise NotFound(N_("could not read {path}: {reasons}"), path=args.file,
                               reasons=why or t.gettext("nothing read"))
            found = service.summary_of_article(ids[0], algorithm=args.algorithm,
                                               length=args.length)
        elif args.article is not None:
            found = service.summary_of_article(args.article, algorithm=args.algorithm,
                                               length=args.length)
        else:
            text = args.topic or " ".join(args.query)
            if not text.strip():
                raise UsageError(N_("give a query, --topic, --article or --file"))
            if args.topic:
                service.resolve(args.topic, strict=True)
            found = service.summary_for(text, algorithm=args.algorithm, length=args.length,
                                        language=args.lang)
    return _emit(args, console, found,
                 lambda: out.print_summary(console, found.article, found.summary, found.related,
                                           translator(args.lang)))


def cmd_digest(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """The digest for a topic or query."""
    from cli import console as out
    from digests.service import NotFound
    from digests.timeparse import parse_duration, utcnow

    period = None
    if args.period is not None:  # as /digest reads it, days in DEFAULT_TIMEZONE; refused
        from digests.periods import parse_period  # in --lang before the store opens
        from digests.subscriptions.zones import zone_of

        period = parse_period(args.period, utcnow(), zone_of(None, settings.default_timezone))
    service = _service(settings)
    text = " ".join(args.topic)
    with closing(service):
        if period is not None:
            digest = service.digest(text, start=period.start, until=period.until,
                                    stories=args.stories, language=args.lang,
                                    interface=translator(args.lang).language)
            window = translator(args.lang).gettext("for “{period}”", period=args.period)
        else:  # no window asked for: as /digest, nothing new widens to the latest stories
            since = args.since or DEFAULT_SINCE
            digest = service.digest(text, since=parse_duration(since), widen=args.since is None,
                                    stories=args.stories, language=args.lang,
                                    interface=translator(args.lang).language)
            window = translator(args.lang).gettext("in the last {since}", since=since)
        if digest.is_empty:
            _hint_if_empty(service, translator(args.lang))
    if digest.is_empty and digest.topic is None:  # a query, maybe a mistyped topic name
        from digests.suggest import cli_advice, nothing_found

        raise NotFound(cli_advice(nothing_found(text, service.topics), window,
                                  translator(args.lang)))
    t = translator(args.lang)

    def show() -> None:
        from rich.text import Text

        if digest.widened:
            console.print(Text(t.gettext("Nothing new in the last 24 hours — here are the "
                                         "latest stories on this topic."), style="italic"))
        out.print_digest(console, digest, t)

    return _emit(args, console, digest, show)


def cmd_topics(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """The named topics."""
    from cli import console as out
    from digests.topics import load_topics

    topics = list(load_topics(settings.topics_file).values())
    return _emit(args, console, topics, lambda: out.print_topics(console, topics))


def cmd_articles(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """Stored articles, newest first."""
    from cli import console as out

    service = _service(settings)
    with closing(service):
        articles = service.list_articles(limit=args.limit, offset=args.offset)
    return _emit(args, console, articles, lambda: out.print_articles(console, articles))


def cmd_status(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """Articles, feed health, subscriptions, deliveries (`cli.status`)."""
    from cli.status import cmd_status as status  # loads SQLAlchemy: not at start-up

    return status(args, settings, console)


def cmd_db_upgrade(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """Apply schema migrations."""
    from digests.services.database import upgrade_database

    upgrade_database(settings)
    return _emit(args, console, {"action": "upgrade", "up_to_date": True},
                 lambda: console.print("Database is up to date."))


def _non_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be a positive number")
    return value


def _language(text: str) -> str:
    choice = parse_choice(text)
    if choice is None:
        raise argparse.ArgumentTypeError("a language code such as en or ru, or all")
    return choice


def default_language(environ: Mapping[str, str] = os.environ) -> str:
    """The terminal's language (LC_ALL, LC_MESSAGES, LANG: "ru_RU.UTF-8" -> ru), else en.

    A reader at a Russian terminal gets Russian coverage first without typing --lang, as
    a Telegram user gets it from their app's language.
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := environ.get(name, "").split(".")[0]:
            return language_from_code(value)
    return DEFAULT_LANGUAGE


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command, the bot's `run` and `sandbox` included."""
    parser = argparse.ArgumentParser(prog="newsdigest", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        p.add_argument("--json", action="store_true", help="machine-readable output")
        return p

    p = command("ingest", cmd_ingest, "ingest files, folders (recursively) or - for stdin")
    from cli.ingest import add_ingest_arguments

    add_ingest_arguments(p)
    p = command("search", cmd_search, "ranked full-text search")
    p.add_argument("query")
    p.add_argument("--since", help="only articles newer than this, e.g. 7d")
    p.add_argument("--limit", type=_positive, default=10,
                   help="how many results to show (default 10)")
    p.add_argument("--lang", type=_language, default=default_language(),
                   help="the reader's language first: en, ru, ... or all "
                        "(default: the terminal's, else en)")
    p = command("summary", cmd_summary, "summarize a topic's best article, an article or a file")
    p.add_argument("query", nargs="*", help="a topic name or search query")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--topic", help="a topic name (see `newsdigest topics`)")
    group.add_argument("--article", type=int, help="a stored article id")
    group.add_argument("--file", help="a text, Markdown or HTML file")
    p.add_argument("--algorithm", help="summarization algorithm")
    p.add_argument("--length", help="sentences (5), percent (20%%) or characters (600c)")
    p.add_argument("--lang", type=_language, default=default_language(),
                   help="the reader's language first: en, ru, ... or all "
                        "(default: the terminal's, else en)")
    p = command("digest", cmd_digest, "the digest for a topic or query")
    p.add_argument("topic", nargs="+")
    window = p.add_mutually_exclusive_group()
    window.add_argument("--since",
                        help="time window, e.g. 24h, 7d (default: the last 24 h, or the "
                             "latest stories when nothing is new)")
    window.add_argument("--period",
                        help=f"a period as /digest reads it: {ACCEPTED}")
    p.add_argument("--stories", type=_positive, default=None,
                   help="how many stories at most (default: the DIGEST_STORIES setting)")
    p.add_argument("--lang", type=_language, default=default_language(),
                   help="the reader's language first: en, ru, ... or all "
                        "(default: the terminal's, else en)")
    command("topics", cmd_topics, "list the named topics")
    p = command("articles", cmd_articles, "list stored articles, newest first")
    p.add_argument("--limit", type=_positive, default=20,
                   help="how many articles to list (default 20)")
    p.add_argument("--offset", type=_non_negative, default=0,
                   help="skip this many of the newest first, to page (default 0)")
    p = command("db", cmd_db_upgrade, "database maintenance")
    p.add_argument("action", choices=["upgrade"])
    add_source_commands(sub, command)
    command("status", cmd_status, "articles, feed health, subscriptions, deliveries, last errors")
    _add_evaluation_commands(sub)
    _add_bot_commands(sub)
    return parser


def cmd_run(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """Start the bot (a token is configured) or the sandbox (none is)."""
    from bot.launch import run as run_bot

    return run_bot(settings, console, webhook=args.webhook)


def cmd_sandbox(args: argparse.Namespace, settings: Settings, console: Console) -> int:
    """A terminal chat with the bot over a local Bot API server."""
    from bot.launch import sandbox

    return sandbox(settings, console, seeds=not args.no_seeds,
                   language_code=args.lang or default_language(),
                   choose_language=args.lang is not None)


def _add_bot_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`run` and `sandbox`: the bot (Telegram) is imported only when one of them runs."""
    p = sub.add_parser("run", help="start the bot (the sandbox when no token is set)")
    p.add_argument("--webhook", action="store_true", help="serve a webhook instead of polling")
    p.set_defaults(handler=cmd_run)
    p = sub.add_parser("sandbox", help="chat with the bot in the terminal, no token needed")
    p.add_argument("--no-seeds", action="store_true", help="don't ingest the bundled seeds")
    p.add_argument("--lang", default=None,
                   help="the language the users' Telegram apps report, e.g. ru or en-GB; "
                        "given, the chats the data folder already knows switch to it too "
                        "(default: the terminal's, else en, for new chats only)")
    p.set_defaults(handler=cmd_sandbox)


def _add_evaluation_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`eval` (ROUGE on a dataset), `eval-stories` and `eval-topics` (on the corpus labels)."""
    from cli.eval_arguments import (
        add_eval_arguments,
        add_stories_arguments,
        add_topics_arguments,
    )

    def evaluate(args: argparse.Namespace, settings: Settings, console: Console) -> int:
        from cli.eval_summaries import main_eval

        return main_eval(args)

    def evaluate_stories(args: argparse.Namespace, settings: Settings,
                         console: Console) -> int:
        from cli.eval_stories import main_stories

        return main_stories(args)

    text = "score summaries with ROUGE against a dataset's reference summaries"
    p = sub.add_parser("eval", help=text, description=text)
    add_eval_arguments(p)
    p.set_defaults(handler=evaluate)
    text = "score story folding against the corpus's event labels"
    p = sub.add_parser("eval-stories", help=text, description=text)
    add_stories_arguments(p)
    p.set_defaults(handler=evaluate_stories)

    def evaluate_topics(args: argparse.Namespace, settings: Settings,
                        console: Console) -> int:
        from cli.eval_topics import main_topics
        from digests.topics import load_topics

        return main_topics(args, load_topics(settings.topics_file))

    text = "per-topic precision, recall, F1 against the corpus topic labels, and a two-fold check"
    p = sub.add_parser("eval-topics", help=text, description=text)
    add_topics_arguments(p)
    p.set_defaults(handler=evaluate_topics)


def _one_line(exc: BaseException) -> str:
    """An exception as one line: pydantic and SQLAlchemy messages span several."""
    return " ".join(str(exc).split())


def run(argv: Sequence[str] | None = None, parser: argparse.ArgumentParser | None = None) -> int:
    """Parse `argv`, run the command, map failures to exit codes and one-line errors."""
    parser = parser or build_parser()
    args = parser.parse_args(argv)  # --help and usage errors end here, before the imports
    from pydantic import ValidationError
    from rich.console import Console

    from digests.settings import load_settings

    console = Console(soft_wrap=True)

    def fail(code: int, message: str) -> int:
        sys.stderr.write(f"newsdigest: error: {message}\n")
        return code

    try:
        settings = load_settings()
    except ValidationError as exc:
        errors = "; ".join(f"{'.'.join(map(str, e['loc'])).upper()}: {e['msg']}"
                           for e in exc.errors())
        return fail(EXIT_USAGE, f"bad setting: {errors}")
    try:
        return int(args.handler(args, settings, console))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        known = _known_failure(exc, _texts(args))
        if known is not None:
            return fail(*known)
        if settings.log_level == "DEBUG":
            raise
        return fail(EXIT_ERROR, f"internal error ({type(exc).__name__}): {_one_line(exc)[:300]}"
                                " — run with LOG_LEVEL=DEBUG for the traceback")


def _texts(args: argparse.Namespace) -> Translator:
    """The language the command's reader chose (``--lang``, else the terminal's) for errors.

    "all" (every language first) and a language without a catalog read English; the
    sandbox's ``--lang`` is a Telegram language code such as "ru-RU".
    """
    return translator(language_from_code(getattr(args, "lang", None) or default_language()))


def _explained(exc: BaseException, t: Translator) -> str:
    """An error in `t`'s language when it carries its catalog text, as one line."""
    return " ".join(explain(exc, t).split())


def _known_failure(exc: Exception, t: Translator = ENGLISH) -> tuple[int, str] | None:
    """The exit status and message of an expected failure, None for a bug.

    The core's errors that explain themselves (`digests.i18n.Explained`, UnknownTopic)
    are said in `t`'s language; the rest (a library's, the system's) as they were raised.

    SQLAlchemy's and the service's exceptions are looked up only when their modules were
    loaded: a command that never imported them cannot have raised them, and importing
    `sqlalchemy.exc` costs `--help` and `topics` a tenth of a second.
    """
    if "sqlalchemy.exc" in sys.modules:
        from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

        if isinstance(exc, NoSuchModuleError | ArgumentError):
            return EXIT_USAGE, f"bad DATABASE_URL: {_one_line(exc)}"
        if isinstance(exc, SQLAlchemyError):
            return EXIT_ERROR, f"database error: {_one_line(exc)[:300]}"
    if isinstance(exc, UsageError | QueryError | ValueError):  # UnknownAlgorithm: ValueError
        return EXIT_USAGE, _explained(exc, t)
    not_found: tuple[type[Exception], ...] = ()
    if "digests.service" in sys.modules:
        from digests.service import NotFound

        not_found = (NotFound,)
    if isinstance(exc, (OSError, *not_found)):
        return EXIT_ERROR, _explained(exc, t)
    return None


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point (`newsdigest`)."""
    sys.exit(run(argv))
