"""Turn an evaluation article into the sentences every ranker shares, split the product's way.

Sentences come from the product's own document model (`digests.summarize`), so the
evaluation measures exactly what users get: the same splitter, headings left out, the same
word tokens. The reference is cut against those sentences once per article.
"""

from __future__ import annotations

from dataclasses import dataclass

from sumy.models.dom import ObjectDocumentModel

from digests.evaluation.dataset import EvalArticle
from digests.evaluation.references import cut_reference, normalize_space
from digests.summarize.document import build_document, truncate
from digests.summarize.languages import resolve_language
from digests.summarize.summarizer import MAX_RANKED_SENTENCES, tokenizer_for


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """An article split once: its sentences (document order) and its reference's sentences."""

    article: EvalArticle
    language: str
    sentences: tuple[str, ...]
    reference: tuple[str, ...]

    def new_document(self) -> ObjectDocumentModel:
        """Build a fresh sumy document of the article, as `summarize` would.

        Fresh on every call because sumy caches each sentence's words on first use: a
        shared document would let the first algorithm pay everyone's tokenization and skew
        the timings. Rebuilding yields the same sentences in the same order.
        """
        return _document(self.article.text, self.language)


def _document(text: str, language: str) -> ObjectDocumentModel:
    """The document `summarize` ranks: split by our tokenizer, capped like the product."""
    return truncate(build_document(text, tokenizer_for(language)), MAX_RANKED_SENTENCES)


def prepare(article: EvalArticle) -> PreparedArticle:
    """Split `article` into sentences once and cut its reference against them."""
    language = resolve_language(article.language).code
    document = _document(article.text, language)
    sentences = tuple(normalize_space(str(s)) for s in document.sentences)
    # The reference is cut against every sentence of the article, not only those a reader
    # can take alone: it is fixed by the dataset, and what the filter leaves out (or gives
    # a speaker) must count against us, not redefine the target.
    whole = build_document(article.text, tokenizer_for(language), standalone=False)
    every = tuple(normalize_space(str(s)) for s in whole.sentences)
    return PreparedArticle(
        article=article,
        language=language,
        sentences=sentences,
        reference=tuple(cut_reference(article.reference, every)),
    )
