"""The summarization entry points: `summarize` for an article, `split_sentences` for text.

Both are pure CPU and synchronous; async callers run them in a worker thread
(`asyncio.to_thread`) so a long article never stalls the event loop. Everything heavy
(stemmers, stop words, algorithm instances, tokenizers) is built once per language and
cached, so a call costs the document model plus the algorithm itself: within a few percent
of calling sumy directly (see `benchmarks/bench_summarize.py`).
"""

from __future__ import annotations

from functools import lru_cache

from sumy.models.dom import ObjectDocumentModel, Sentence

from digests.models import Summary
from digests.summarize.base import Algorithm
from digests.summarize.document import (
    PronounQuoteSentence,
    build_document,
    truncate,
    without,
)
from digests.summarize.languages import detect_language, resolve_language
from digests.summarize.length import Length, Unit
from digests.summarize.registry import get_algorithm
from digests.summarize.standalone import points_back, refers_back, strip_connective
from digests.summarize.tokenizer import OfflineTokenizer

#: Times a summary is re-ranked without a first line that points back ("He added").
OPENING_RETRIES = 3

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
    return [str(s) for s in readable_document(text, code)[0].sentences]


def readable_document(text: str, language: str) -> tuple[ObjectDocumentModel, str | None]:
    """The document of sentences a reader can take alone, or all of them if none can.

    A text made only of fragments (a pasted headline, "Hello!") still gets a summary:
    what it says, with a note, rather than nothing.

    Returns:
        The document and a note when the filter had to be given up.
    """
    document = build_document(text, tokenizer_for(language))
    if document.sentences or not text.strip():
        return document, None
    everything = build_document(text, tokenizer_for(language), standalone=False)
    return everything, "no sentence stands alone; shown as written"


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
    document, fallback = readable_document(text, profile.code)
    total = len(document.sentences)
    notes = [note for note in (profile.note, fallback) if note]
    if total > MAX_RANKED_SENTENCES:
        document = truncate(document, MAX_RANKED_SENTENCES)
        notes.append(f"ranked the first {MAX_RANKED_SENTENCES} of {total} sentences")
    sentences = _standalone_opening(chosen, document, wanted, title, profile.code)
    return Summary(
        sentences=sentences,
        total_sentences=total,
        algorithm=algorithm.strip().lower(),
        language=profile.code,
        article_id=article_id,
        note="; ".join(notes) or None,
    )


def _select(
    chosen: Algorithm, document: ObjectDocumentModel, wanted: Length, title: str | None
) -> tuple[Sentence, ...]:
    """The algorithm's picks, or every sentence when there is nothing to choose between."""
    total = len(document.sentences)
    if total <= 1 or (wanted.unit is Unit.SENTENCES and total <= wanted.value):
        return tuple(document.sentences)
    return chosen.select(document, wanted, title)


def _standalone_opening(
    chosen: Algorithm, document: ObjectDocumentModel, wanted: Length, title: str | None,
    language: str,
) -> tuple[str, ...]:
    """Pick sentences none of which points back to something left out.

    "However, X" loses its connective; a line that needs its predecessor ("He added …",
    "Она носит стратегический характер …") is kept only right after that predecessor.
    Otherwise such lines are left out and the ranker asked again, a few times at most;
    if every try still has one, the last try stands (the length asked for is kept).
    """
    order = {id(sentence): at for at, sentence in enumerate(document.sentences)}
    picked = _select(chosen, document, wanted, title)
    for _ in range(OPENING_RETRIES):
        leaning = [s for at, s in enumerate(picked) if _leans(picked, at, order, language)]
        if not leaning:
            break
        for sentence in leaning:
            document = without(document, sentence)
        picked = _select(chosen, document, wanted, title)
    lines = [str(sentence) for sentence in picked]
    for at, text in enumerate(lines):
        if isinstance(picked[at], PronounQuoteSentence) and (
                at == 0 or not _follows(picked, at, order)):
            lines[at] = picked[at].attributed  # "he said", and he is not shown: name him
            continue
        opening = at == 0 and len(lines) >= 2
        if (opening or (at > 0 and not _follows(picked, at, order))) and points_back(
            text, language
        ):
            lines[at] = strip_connective(text, language) or text
    return tuple(lines)


def _follows(picked: tuple[Sentence, ...], at: int, order: dict[int, int]) -> bool:
    """`picked[at]` comes right after `picked[at - 1]` in the article."""
    return order.get(id(picked[at]), -1) == order.get(id(picked[at - 1]), -3) + 1


def _leans(
    picked: tuple[Sentence, ...], at: int, order: dict[int, int], language: str
) -> bool:
    """`picked[at]` points back to a sentence not shown before it, and no connective hides it.

    A one-line summary stands as it is: there is nothing else to pick.
    """
    text = str(picked[at])
    if len(picked) < 2 or not refers_back(text, language):
        return False
    if at > 0 and _follows(picked, at, order):
        return False
    return strip_connective(text, language) is None
