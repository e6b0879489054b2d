"""Language detection with py3langid, whose model ships inside the package.

The detector is restricted to languages we can summarize or expect in the news we
carry: an unrestricted model confidently labels short English headlines as, say,
Latin or Luxembourgish. Input is cut to a bounded prefix because the cost of
classification grows with length and the first few thousand characters decide it.
"""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

LANGUAGES: tuple[str, ...] = (
    "en", "ru", "uk", "zh", "fr", "de", "es", "it", "pt", "nl", "pl", "cs", "sk",
    "ar", "he", "ja", "ko", "el", "tr", "sv", "fi", "da", "no", "hu", "ro", "bg", "be",
)
MAX_DETECT_CHARS = 2_000
MIN_DETECT_CHARS = 12


@cache
def _identifier() -> LanguageIdentifier:
    """Load the model once, on first use (not at import: loading takes ~0.5 s)."""
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of `text`'s language, or None when too short to tell."""
    sample = text[:MAX_DETECT_CHARS].strip()
    if len(sample) < MIN_DETECT_CHARS:
        return None
    code, _probability = _identifier().classify(sample)
    return str(code)
