"""Preparation stage: clean a draft and compute what dedup needs.

Order: normalize, strip boilerplate (which needs paragraphs), check size, detect the
language unless the record states it, then hash and fingerprint the clean text, so
boilerplate never makes two different articles look alike or one article look new.
"""

from __future__ import annotations

import dataclasses
import unicodedata

from digests import reasons
from digests.ingest.boilerplate import Stripped, strip_boilerplate
from digests.ingest.language import detect_language
from digests.ingest.normalize import normalize_text, words, words_hash
from digests.ingest.records import derive_title
from digests.ingest.sanitize import sanitize_draft
from digests.ingest.signature import lsh_bands, minhash_signature, shingles
from digests.ingest.types import PreparedArticle, Rejection
from digests.models import BODY, HEADLINE_ONLY, TEASER_ONLY, ArticleDraft

_BYLINE_PREFIX = "by "


def _credit(draft: ArticleDraft, stripped: Stripped) -> ArticleDraft:
    """Move removed credit lines into attribution/author/extra instead of losing them."""
    extra = dict(draft.extra)
    notices = stripped.lines("republished") + stripped.lines("read-original")
    if notices:
        extra["republished"] = " ".join(notices)
    bios = stripped.lines("author-bio")
    if bios:
        extra["author_bio"] = " ".join(bios)
    bylines = stripped.lines("byline")
    if bylines:
        extra["byline"] = bylines[0]
    if stripped.lines("disclosure"):
        extra["disclosure"] = " ".join(stripped.lines("disclosure"))
    author = draft.author
    if author is None and bylines:
        author = bylines[0][len(_BYLINE_PREFIX):].split(",")[0].strip()
    attribution = draft.attribution or (" ".join(notices) if notices else None)
    return dataclasses.replace(draft, author=author, attribution=attribution, extra=extra)


def _clean_title(title: str) -> str:
    return " ".join(unicodedata.normalize("NFC", title).split())


def prepare(draft: ArticleDraft, *, label: str, max_chars: int) -> PreparedArticle | Rejection:
    """Return the cleaned draft with its hash and near-duplicate fingerprint, or why not.

    Sanitation comes first, so nothing below (hashing, language detection) and nothing
    in the store ever sees a lone surrogate, a NUL or a bidi control in any field. An
    untitled draft is titled from its own first sentence, not from its label.
    """
    draft = sanitize_draft(draft)
    if len(draft.text) > 2 * max_chars:
        return Rejection(label, reasons.TOO_LONG.format(chars=len(draft.text), limit=max_chars))
    stripped = strip_boilerplate(normalize_text(draft.text))
    text = stripped.text
    if not text:
        reason = reasons.ONLY_BOILERPLATE if stripped.kept or stripped.dropped else reasons.EMPTY
        return Rejection(label, reason)
    if len(text) > max_chars:
        return Rejection(label, reasons.TOO_LONG.format(chars=len(text), limit=max_chars))
    language = draft.language or detect_language(text)
    draft = dataclasses.replace(_credit(draft, stripped), text=text, language=language,
                                title=_clean_title(draft.title) or derive_title(text) or label)
    tokens = identity_words(draft)
    signature = minhash_signature(shingles(tokens))
    bands = lsh_bands(signature) if signature is not None else ()
    return PreparedArticle(draft, words_hash(tokens), label, signature, bands)


def identity_words(draft: ArticleDraft) -> list[str]:
    """The words a draft's hash and near-duplicate fingerprint are made of.

    A full text is known by its words alone, wherever it comes from. A thin one (a
    headline, a feed's teaser: `BODY`) is not: "Read the full story on our site" or
    "Live updates" repeat under many different stories, so its title and link take part
    too; the same headline under the same link from two feeds is still one article.
    """
    tokens = words(draft.text)
    if draft.extra.get(BODY) not in (HEADLINE_ONLY, TEASER_ONLY):
        return tokens
    link = draft.canonical_url or draft.url or ""
    return [*words(draft.title), *tokens, *([link] if link else [])]
