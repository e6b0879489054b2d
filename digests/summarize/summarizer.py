"""The summarization entry points: `summarize` for an article, `split_sentences` for text.

Both are pure CPU and synchronous; async callers run them in a worker thread
(`asyncio.to_thread`) so a long article never stalls the event loop. Everything heavy
(stemmers, stop words, algorithm instances, tokenizers) is built once per language and
cached, so a call costs the document model plus the algorithm itself: within a few percent
of calling sumy directly (see `benchmarks/bench_summarize.py`).
"""

from __future__ import annotations

from functools import lru_cache

from digests.models import Summary
from digests.summarize.document import build_document, truncate
from digests.summarize.languages import detect_language, resolve_language
from digests.summarize.length import Length, Unit
from digests.summarize.registry import get_algorithm
from digests.summarize.tokenizer import OfflineTokenizer

#: Sentences ranked at most. The longest BBC article has 244; beyond this the quadratic
#: algorithms (LexRank, TextRank, Reduction, KL) would take seconds to minutes.
MAX_RANKED_SENTENCES = 250


@lru_cache(maxsize=64)
def tokenizer_for(language: str) -> OfflineTokenizer:
    """Return the shared tokenizer for an ISO code (it holds no per-call state)."""
    return OfflineTokenizer(language)


def split_sentences(text: str, language: str | None = None) -> list[str]:
    """Split text into sentences the way summaries see them (headings left out).

    Args:
        text: Paragraphs separated by blank lines.
        language: ISO code; detected from the text when None.
    """
    code = resolve_language(language or detect_language(text)).code
    return [str(s) for s in build_document(text, tokenizer_for(code)).sentences]


def summarize(
    text: str,
    *,
    language: str | None,
    algorithm: str,
    length: Length | str | int,
    title: str | None = None,
    article_id: int | None = None,
) -> Summary:
    """Summarize one article extractively.

    Args:
        text: The article body, paragraphs separated by blank lines.
        language: ISO code; detected when None. Unsupported languages still summarize,
            with a note saying what was missing.
        algorithm: A registered name (see `registry.algorithm_names()`).
        length: A `Length` or its text ("5", "20%", "600c").
        title: The headline; Edmundson uses its words as bonus words.
        article_id: Carried into the `Summary` for caching and rendering.

    Returns:
        Sentences of `text` in document order, never more than the text has.

    Raises:
        UnknownAlgorithm: For an unregistered algorithm name.
        ValueError: For a malformed length.
    """
    wanted = Length.coerce(length)
    profile = resolve_language(language or detect_language(text))
    chosen = get_algorithm(algorithm, profile.code)
    document = build_document(text, tokenizer_for(profile.code))
    total = len(document.sentences)
    notes = [profile.note] if profile.note else []
    if total > MAX_RANKED_SENTENCES:
        document = truncate(document, MAX_RANKED_SENTENCES)
        notes.append(f"ranked the first {MAX_RANKED_SENTENCES} of {total} sentences")
    if total <= 1 or (wanted.unit is Unit.SENTENCES and total <= wanted.value):
        picked = document.sentences  # nothing to choose between: return what there is
    else:
        picked = chosen.select(document, wanted, title)
    return Summary(
        sentences=tuple(str(s) for s in picked),
        total_sentences=total,
        algorithm=algorithm.strip().lower(),
        language=profile.code,
        article_id=article_id,
        note="; ".join(notes) or None,
    )
