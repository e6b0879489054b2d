"""What sumy needs per language: its language name, a stemmer and stop words.

sumy ships stop words for 18 languages and stems about 20 (NLTK's Snowball stemmers are
pure code, no data download; Czech, Slovak, Greek, Polish and Ukrainian stemmers are its
own). Russian and a dozen others have a stemmer but no stop-word list in sumy, so those
come from the `stop-words` package. A language with neither still summarizes: words are
matched lowercased and unstemmed, and the profile carries a note saying so, because a
summary must never fail on language alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import py3langid
import stop_words
from sumy.nlp.stemmers import Stemmer, null_stemmer
from sumy.utils import get_stop_words

#: ISO 639-1 code -> the language name sumy and `stop-words` use.
LANGUAGE_NAMES: dict[str, str] = {
    "ar": "arabic",
    "bg": "bulgarian",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fa": "persian",
    "fi": "finnish",
    "fr": "french",
    "he": "hebrew",
    "hi": "hindi",
    "hu": "hungarian",
    "id": "indonesian",
    "it": "italian",
    "ja": "japanese",
    "ko": "korean",
    "nb": "norwegian",
    "nl": "dutch",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sk": "slovak",
    "sv": "swedish",
    "th": "thai",
    "tr": "turkish",
    "uk": "ukrainian",
    "vi": "vietnamese",
    "zh": "chinese",
}

#: Distinct words remembered per language's stemmer (a few MB at most).
_STEM_CACHE_SIZE = 100_000

#: Languages whose words sumy deliberately leaves unstemmed: no note for them.
_UNSTEMMED_BY_DESIGN = frozenset({"chinese", "japanese", "korean", "hebrew"})


@dataclass(frozen=True, slots=True)
class LanguageProfile:
    """Everything language-specific a summarizer needs, resolved once per language.

    Attributes:
        code: The ISO 639-1 code asked for, lowercased ("en", "ru", or an unknown one).
        name: sumy's language name, or None when the language is unknown.
        stemmer: Maps a lowercased word to its stem; identity-like when there is none.
        stop_words: Lowercased words ignored when comparing sentences.
        note: Why the summary may be weaker than usual, or None when nothing is missing.
    """

    code: str
    name: str | None
    stemmer: Callable[[str], str]
    stop_words: frozenset[str]
    note: str | None = None


def _stemmer_for(name: str) -> Callable[[str], str] | None:
    """Return sumy's stemmer for `name`, or None where sumy has none or it cannot run.

    Some of sumy's stemmers import an optional package only when first used (Greek needs
    `greek-stemmer-pos`), so the stemmer is tried on a word before it is trusted.
    """
    try:
        stemmer: Callable[[str], str] = Stemmer(name)
        stemmer("probe")
    except (LookupError, ValueError, ImportError):
        return None
    return stemmer


def _stop_words_for(name: str) -> frozenset[str]:
    """Return sumy's stop words for `name`, else the `stop-words` package's, else none."""
    try:
        return frozenset(get_stop_words(name))
    except LookupError:
        pass
    try:
        return frozenset(w.lower() for w in stop_words.get_stop_words(name))
    except stop_words.StopWordError:
        return frozenset()


@lru_cache(maxsize=64)
def resolve_language(code: str) -> LanguageProfile:
    """Build the profile for an ISO code, falling back gracefully for unknown ones.

    Cached per code: Snowball stemmers and stop-word lists are built once per process.
    """
    code = code.strip().lower().replace("_", "-").split("-")[0] or "und"
    name = LANGUAGE_NAMES.get(code)
    if name is None:
        return LanguageProfile(
            code=code,
            name=None,
            stemmer=null_stemmer,
            stop_words=frozenset(),
            note=f"language {code!r} is not supported: summarized without stemming or stop words",
        )
    stemmer = _stemmer_for(name)
    if stemmer is not None:
        # Snowball costs ~100 µs a word and news repeats its words: memoizing makes
        # stemming, the bulk of most algorithms' time, several times cheaper.
        stemmer = lru_cache(maxsize=_STEM_CACHE_SIZE)(stemmer)
    words = _stop_words_for(name)
    missing = [
        what
        for what, lacking in (
            ("stemmer", stemmer is None and name not in _UNSTEMMED_BY_DESIGN),
            ("stop words", not words),
        )
        if lacking
    ]
    note = f"no {' or '.join(missing)} for {name}" if missing else None
    return LanguageProfile(code, name, stemmer or null_stemmer, words, note)


def detect_language(text: str, default: str = "en") -> str:
    """Guess the ISO code of `text` with py3langid (its model ships in the wheel).

    Only the first few thousand characters are read: enough for a confident guess and
    cheap for any input size.
    """
    sample = text[:4_000].strip()
    if not sample:
        return default
    code, _score = py3langid.classify(sample)
    return str(code)
