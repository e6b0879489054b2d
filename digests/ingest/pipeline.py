"""The ingest orchestrator: read -> decode -> parse -> prepare -> save.

Each function below reads top to bottom as stage calls with typed values between them
(`RawDocument`, `str`, `ArticleDraft`, `PreparedArticle`, `AddResult`); any stage may
hand back a `Rejection` instead, which becomes a REJECTED result with its reason. Drafts
from other places (feeds, links, channel posts) enter at `ingest_drafts`/`ingest_text`
and go through the same prepare and save stages.

Runs of drafts (a JSON Lines file, a list of drafts) go through `batches`: prepared a
batch at a time and saved one transaction per batch, in order.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from digests.ingest.batches import Item, ingest_batched
from digests.ingest.decode import decode
from digests.ingest.known import KnownKeys
from digests.ingest.parse import parse
from digests.ingest.parse_corpus import parse_record
from digests.ingest.parse_text import parse_text
from digests.ingest.prepare import prepare
from digests.ingest.read import discover, read_inputs
from digests.ingest.sanitize import clean_line
from digests.ingest.save import save
from digests.ingest.types import DocumentKind, LineStream, PreparedArticle, RawDocument, Rejection
from digests.models import AddOutcome, AddResult, ArticleDraft
from digests.ops.logformat import event_fields
from digests.settings import Settings
from digests.store.base import Store
from digests.store.errors import BatchAbortedError

_BYTES_PER_CHAR = 4
log = logging.getLogger(__name__)


ProgressCallback = Callable[[int, int], None]
"""Called after each file with (files done, files total); files are known up front."""
ItemsCallback = Callable[[int], None]
"""Called after each saved batch with the number of items done so far in the run, so a
progress display moves (and shows a rate) while one large JSON Lines file is read."""


@dataclass(slots=True)
class IngestReport:
    """Every result of a run plus the files skipped while walking folders."""

    results: list[AddResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def count(self, outcome: AddOutcome) -> int:
        """How many items ended with `outcome`."""
        return sum(1 for result in self.results if result.outcome is outcome)

    @property
    def counts(self) -> dict[AddOutcome, int]:
        """Items per outcome, every outcome present (zero where none)."""
        found = Counter(result.outcome for result in self.results)
        return {outcome: found[outcome] for outcome in AddOutcome}

    @property
    def rejections(self) -> list[AddResult]:
        """The rejected items, each with its label and reason."""
        return [result for result in self.results if result.outcome is AddOutcome.REJECTED]

    def describe(self, *, verbose: bool = False) -> str:
        """A plain-text summary: counts, then rejections (grouped when many, see `report`)."""
        from digests.ingest.report import describe

        return describe(self.results, self.skipped, verbose=verbose)


def _rejected(rejection: Rejection) -> AddResult:
    return AddResult(AddOutcome.REJECTED, reason=clean_line(rejection.reason),
                     label=clean_line(rejection.label))


def _failed(label: str, stage: str, error: Exception) -> Rejection:
    """One record's unexpected failure, as a rejection: it must not cost the others."""
    log.warning("%s %s failed", stage, clean_line(label), exc_info=True)
    return Rejection(label, f"could not be {stage}d: {error.__class__.__name__}: "
                            f"{str(error)[:200]}")


def _prepare(draft: ArticleDraft, settings: Settings,
             label: str | None) -> PreparedArticle | Rejection:
    label = clean_line(label or draft.title or draft.source)
    try:
        return prepare(draft, label=label, max_chars=settings.max_article_chars)
    except Exception as error:  # hostile input hitting a library bug: reject this one
        return _failed(label, "prepare", error)


def _save(store: Store, prepared: PreparedArticle | Rejection, settings: Settings,
          known: KnownKeys | None = None) -> AddResult:
    if isinstance(prepared, Rejection):
        return _rejected(prepared)
    try:
        return save(store, prepared, threshold=settings.near_duplicate_threshold, known=known)
    except BatchAbortedError:  # the whole batch is undone: it is saved again, carefully
        raise
    except Exception as error:  # the write's savepoint is rolled back; the run goes on
        return _rejected(_failed(prepared.label, "save", error))


def _counted(store: Store, results: list[AddResult]) -> list[AddResult]:
    """Report each final result to the store's metrics (once, after any batch retry)."""
    for result in results:
        store.metrics.article_ingested(result)
    return results


def _ingest_items(store: Store, items: Iterable[Item], settings: Settings,
                  on_batch: Callable[[int], None] | None = None) -> list[AddResult]:
    """Prepare and save `(draft or rejection, label)` items in batches, in order."""
    return _counted(store, ingest_batched(
        store, items,
        prepare=lambda draft, label: _prepare(draft, settings, label),
        save=lambda batch, prepared, known: _save(batch, prepared, settings, known),
        on_batch=on_batch,
    ))


def ingest_draft(store: Store, draft: ArticleDraft, settings: Settings,
                 *, label: str | None = None) -> AddResult:
    """Prepare and save one draft from anywhere (file, feed, link, message)."""
    return _counted(store, [_save(store, _prepare(draft, settings, label), settings)])[0]


def ingest_drafts(store: Store, drafts: Iterable[ArticleDraft],
                  settings: Settings) -> list[AddResult]:
    """Ingest drafts in order; later drafts see earlier ones as possible duplicates."""
    return _ingest_items(store, ((draft, None) for draft in drafts), settings)


def ingest_text(store: Store, text: str, *, source: str, settings: Settings,
                title: str | None = None, url: str | None = None,
                owner_chat_id: int | None = None,
                published_at: datetime | None = None) -> AddResult:
    """Ingest pasted text or a channel post; the first line is the title if it looks like one.

    With `owner_chat_id` the text is private to that chat (a user sent it, it is not news).
    `published_at` is when the text was published (a forwarded post's original date);
    without it the article is undated, never a period's news (`digests.undated`).
    """
    published = published_at.isoformat() if published_at is not None else None
    metadata = {key: value for key, value in
                (("source", source), ("title", title), ("url", url), ("published", published))
                if value is not None}
    draft = parse_text(text, origin="text", metadata=metadata)
    if owner_chat_id is not None:
        draft = dataclasses.replace(draft, owner_chat_id=owner_chat_id)
    return ingest_draft(store, draft, settings, label=title or url or source)


def ingest_document(store: Store, raw: RawDocument | Rejection, settings: Settings,
                    on_batch: Callable[[int], None] | None = None) -> list[AddResult]:
    """Decode, parse and ingest every article in one document."""
    if isinstance(raw, Rejection):
        return _counted(store, [_rejected(raw)])
    text = decode(raw)
    if isinstance(text, Rejection):
        return _counted(store, [_rejected(text)])
    items: list[Item] = []
    for draft in parse(raw, text):
        if isinstance(draft, Rejection):
            items.append((draft, None))
            continue
        label = raw.label if len(items) == 0 and draft.external_id is None else draft.title
        items.append((draft, label))
    return _ingest_items(store, items, settings, on_batch)


def _line_items(stream: LineStream) -> Iterator[Item]:
    """The records of a JSON Lines stream, decoded and parsed one line at a time."""
    for number, line in enumerate(stream.lines, start=1):
        label = f"{stream.label}:{number}"
        if line is None:
            yield Rejection(label, f"too large: a line over {stream.max_line_bytes:,} bytes"), None
            continue
        if not line.strip():
            continue
        text = decode(RawDocument(label, DocumentKind.JSONL, line))
        if isinstance(text, Rejection):
            yield text, None
            continue
        draft = parse_record(text, label)
        yield draft, None if isinstance(draft, Rejection) else draft.title or label


def ingest_lines(store: Store, stream: LineStream, settings: Settings,
                 on_batch: Callable[[int], None] | None = None) -> list[AddResult]:
    """Ingest a JSON Lines stream in batches; one bad line is one rejection."""
    return _ingest_items(store, _line_items(stream), settings, on_batch)


def ingest_paths(store: Store, paths: Iterable[str | Path], settings: Settings, *,
                 progress: ProgressCallback | None = None,
                 stdin: BinaryIO | None = None,
                 items: ItemsCallback | None = None) -> IngestReport:
    """Ingest files, folders (recursively) and "-" (stdin), reporting every outcome."""
    found = discover(str(path) for path in paths)
    report = IngestReport(skipped=found.skipped)
    max_bytes = settings.max_article_chars * _BYTES_PER_CHAR
    documents = read_inputs(found.inputs, max_bytes, stdin)

    def on_batch(saved: int) -> None:
        if items is not None:
            items(len(report.results) + saved)

    for files_done, raw in enumerate(documents, start=1):
        if isinstance(raw, LineStream):
            report.results.extend(ingest_lines(store, raw, settings, on_batch))
        else:
            report.results.extend(ingest_document(store, raw, settings, on_batch))
        if progress is not None:
            progress(files_done, len(found.inputs))
    counts = report.counts
    log.info("ingested %d items from %d files", len(report.results), len(found.inputs),
             extra=event_fields(files=len(found.inputs), added=counts[AddOutcome.ADDED],
                                duplicate=counts[AddOutcome.DUPLICATE],
                                near_duplicate=counts[AddOutcome.NEAR_DUPLICATE],
                                updated=counts[AddOutcome.UPDATED],
                                rejected=counts[AddOutcome.REJECTED]))
    return report
