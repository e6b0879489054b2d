"""Proper names as keys that survive a change of script: Griner, Грайнер, Грінер -> "grnr".

The gazetteer (`digests.entities`) knows the people and places that recur in world news,
but every week brings names it has never seen (a basketball player swapped for an arms
dealer). Briefs of one event in English, Russian and Ukrainian still spell such a name
recognisably: transliterated to Latin letters (`anyascii`, table-driven, no model) and
reduced to a consonant skeleton, "Brittney Griner", "Бриттни Грайнер" and "Бріттні Грінер"
give the same keys. Vowels are where transliterations and declensions disagree most
(Грайнер -> Grayner, -у/-ом endings), consonants where they agree.

A name is a capitalised word that does not open a sentence (so English sentence starts do
not count) and is not a word of any gazetteer alias (those are compared as entities
already, with their own weights). Chinese and Japanese are skipped: their transcriptions
of foreign names share no skeleton with the original. Keys are the first `KEY_LETTERS`
letters of the skeleton; shorter skeletons ("Bout" -> "bt") say too little to be kept.
"""

from __future__ import annotations

import re

from anyascii import anyascii

from digests.entities import Gazetteer, covers, default_gazetteer

KEY_LETTERS = 4
"""Skeleton letters a key keeps (and needs): enough to tell names apart, few enough to
survive a declension ending."""

_SEGMENT_RE = re.compile(r"(?<=[.!?:;])\s+|\n+|[\"«»“”„()\[\]]")
_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NOT_LETTER_RE = re.compile(r"[^a-z]")
_VOWEL_RE = re.compile(r"[aeiouy]")


def name_key(word: str) -> str | None:
    """The skeleton key of one capitalised word, or None when it is too short to trust."""
    letters = _NOT_LETTER_RE.sub("", anyascii(word).lower())
    skeleton = letters[:1] + _VOWEL_RE.sub("", letters[1:])
    return skeleton[:KEY_LETTERS] if len(skeleton) >= KEY_LETTERS else None


def name_keys(text: str, gazetteer: Gazetteer | None = None) -> frozenset[str]:
    """Keys of the proper names `text` mentions outside the gazetteer, in any script."""
    gazetteer = gazetteer or default_gazetteer()
    keys: set[str] = set()
    for segment in _SEGMENT_RE.split(text):
        for word in _WORD_RE.findall(segment)[1:]:
            if not word[0].isupper() or _CJK_RE.search(word) or covers(word, gazetteer):
                continue
            key = name_key(word)
            if key is not None:
                keys.add(key)
    return frozenset(keys)
