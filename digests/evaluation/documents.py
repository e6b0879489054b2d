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
from digests.summarize.document import build_document
from digests.summarize.languages import resolve_language
from digests.summarize.summarizer import tokenizer_for


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
        return build_document(self.article.text, tokenizer_for(self.language))


def prepare(article: EvalArticle) -> PreparedArticle:
    """Split `article` into sentences once and cut its reference against them."""
    language = resolve_language(article.language).code
    document = build_document(article.text, tokenizer_for(language))
    sentences = tuple(normalize_space(str(s)) for s in document.sentences)
    return PreparedArticle(
        article=article,
        language=language,
        sentences=sentences,
        reference=tuple(cut_reference(article.reference, sentences)),
    )
