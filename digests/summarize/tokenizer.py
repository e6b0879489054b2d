"""An offline tokenizer for sumy: sentences from sentencex, words from a regular expression.

sumy's own `Tokenizer` needs NLTK punkt data, which cannot be downloaded on an air-gapped
server; this one needs no data files at all and is what every summary here is built with.

Sentence splitter choice, measured by `benchmarks/bench_summarize.py` (22 tricky news
cases in en/ru/de/fr/zh, raw and with the repairs below; first 200 BBC dev articles split
per paragraph; one 200 KB paragraph, raw and through our chunking):

=========== ======= ======= ============ =========== ========== ==============
splitter    tricky  +repair median ms/a  p95 ms/a    200 KB raw 200 KB chunked
=========== ======= ======= ============ =========== ========== ==============
pysbd 0.3   18/22   20/22   16.2         35.4        38.4 s     2.5 s
sentencex 1 19/22   21/22   0.05         0.12        0.014 s    0.020 s
=========== ======= ======= ============ =========== ========== ==============

sentencex (Wikimedia; Rust, rules for ~300 languages shipped in the wheel) is as accurate
and about 500 times faster, so it is the default; pysbd stays selectable for comparison.
Both splitters miss a few abbreviations (sentencex reads "iron ore." as an abbreviation);
a cheap repair glues a piece that starts with a lowercase word back onto one that ends in
an abbreviation ("т.е. | о бюджете", "z. B. | im Jan.") or in "!" or "?" ("Wham! | to
his solo years", '"Why?" | he asked'), a lone initial ("M.") onto what follows, and a
time zone onto its clock time ("11:00 p.m. | EDT on Sunday").
Long paragraphs are cut into bounded chunks first (see `chunking`), so no input can make
the splitter slow or produce a sentence longer than `chunking.HARD_LIMIT` characters.

Words: letters with inner apostrophes or hyphens, close to the tokens sumy keeps from NLTK's
`word_tokenize` after its own word filter. Chinese and Japanese have no spaces, so their
runs of ideographs and kana become overlapping character bigrams, the usual data-free
choice in CJK retrieval (a dictionary segmenter such as jieba costs a second to load).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

import sentencex

from digests.summarize.chunking import iter_chunks

#: `(iso_language, text) -> sentences`; the pieces may keep surrounding whitespace.
SentenceSplitter = Callable[[str, str], Sequence[str]]

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_CJK_LANGUAGES = frozenset({"zh", "ja"})
_ABBREVIATION_END = re.compile(r"(?:^|[\s(])(?:[^\W\d_]{1,4}\.|(?:[^\W\d_]\.\s?){2,})\s*$")
_LOWERCASE_START = re.compile(r"\s*([^\W\d_]+)")
_LONE_INITIAL = re.compile(r"^\s*[^\W\d_]\.\s*$")
_LONE_OPENING = re.compile(r"^\s*[\"“«„]\s*[^\W\d_]*\s*$")
_STRAY_OPENING = re.compile(r"(?<=[.!?])\s+([\"“«„])\s*$")
_COMMA_END = re.compile(r"[,，][\"”’»]?\s*$")
_MARK_END = re.compile(r"[!?][\"”’»]?\s*$")
# "released at 11:00 p.m. | EDT on Sunday": a clock time runs on into its time zone.
_CLOCK_END = re.compile(r"\d\s*[ap]\.\s?m\.\s*$", re.IGNORECASE)
_ZONE_START = re.compile(r"\s*(?:[A-Z]{2,5}|GMT[+-]\d+|UTC[+-]\d+)\b(?!\.)")


def split_with_sentencex(language: str, text: str) -> Sequence[str]:
    """Split with sentencex, which falls back to related languages' rules by itself."""
    return sentencex.segment(language, text)  # type: ignore[no-any-return]


@lru_cache(maxsize=32)
def _pysbd_segmenter(language: str) -> object:
    """Build (once per language) a pysbd segmenter; English rules where pysbd has none."""
    import pysbd  # imported lazily: only benchmarks choose pysbd
    from pysbd.languages import LANGUAGE_CODES

    return pysbd.Segmenter(language=language if language in LANGUAGE_CODES else "en", clean=False)


def split_with_pysbd(language: str, text: str) -> Sequence[str]:
    """Split with pysbd: accurate, but about 500 times slower than sentencex."""
    return _pysbd_segmenter(language).segment(text)  # type: ignore[attr-defined, no-any-return]


def _continues(previous: str, piece: str) -> bool:
    """Tell whether `piece` wrongly starts a new sentence after an abbreviation or initial."""
    if _LONE_INITIAL.match(previous) or _LONE_OPENING.match(previous):
        return True  # "M." alone is never a sentence: French "M. Dupont"; nor is '"The'
    if _COMMA_END.search(previous):
        return True  # '"We will," | said the minister.': no sentence ends at a comma
    if _CLOCK_END.search(previous) and _ZONE_START.match(piece):
        return True
    first = _LOWERCASE_START.match(piece)
    return (
        first is not None
        and first.group(1).islower()
        and (
            _ABBREVIATION_END.search(previous) is not None
            # "a poll of Kerrang! | magazine", '"Why?" | he asked': a name or a quoted
            # question runs on; a new sentence would start with a capital.
            or _MARK_END.search(previous) is not None
        )
    )


def _merge_continuations(pieces: Sequence[str]) -> list[str]:
    """Glue a piece onto the previous one when the split was after an abbreviation."""
    merged: list[str] = []
    for piece in pieces:
        if merged and (stray := _STRAY_OPENING.search(merged[-1])):
            # 'general. "' | 'The music …': the quote opens the next sentence.
            merged[-1] = merged[-1][: stray.start()]
            piece = stray.group(1) + piece.lstrip()
        if merged and _continues(merged[-1], piece):
            merged[-1] += piece
        else:
            merged.append(piece)
    return merged


class OfflineTokenizer:
    """A drop-in for `sumy.nlp.tokenizers.Tokenizer` that needs no NLTK data.

    Args:
        language: ISO 639-1 code ("en", "ru", "zh", ...); unknown codes get the
            splitter's generic rules rather than an error.
        splitter: The sentence splitter; sentencex unless a benchmark says otherwise.
    """

    def __init__(self, language: str, splitter: SentenceSplitter = split_with_sentencex) -> None:
        self._language = language
        self._splitter = splitter
        self._cjk = language in _CJK_LANGUAGES

    @property
    def language(self) -> str:
        """The ISO code this tokenizer splits for."""
        return self._language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """Split one paragraph into stripped, non-empty sentences, in order."""
        sentences: list[str] = []
        for chunk in iter_chunks(paragraph):
            pieces = _merge_continuations(self._splitter(self._language, chunk))
            sentences.extend(s for s in (p.strip() for p in pieces) if s)
        return tuple(sentences)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Return the sentence's words (CJK runs as character bigrams), punctuation dropped."""
        words = _WORD.findall(sentence)
        if not self._cjk:
            return tuple(words)
        return tuple(gram for word in words for gram in _cjk_grams(word))


def _cjk_grams(word: str) -> list[str]:
    """Cut CJK runs inside a token into overlapping bigrams; keep other parts whole."""
    grams: list[str] = []
    position = 0
    for run in _CJK_RUN.finditer(word):
        if run.start() > position:
            grams.append(word[position : run.start()])
        text = run.group()
        grams.extend([text] if len(text) == 1 else [text[i : i + 2] for i in range(len(text) - 1)])
        position = run.end()
    if position < len(word):
        grams.append(word[position:])
    return grams
