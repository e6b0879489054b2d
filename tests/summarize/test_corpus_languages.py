"""Russian and Chinese articles of the bundled corpus summarize with the right tools."""

from __future__ import annotations

import json
from functools import cache

from digests.summarize import split_sentences, summarize
from digests.summarize.languages import resolve_language
from digests.summarize.standalone import spoken_text
from tests.conftest import SEEDS


@cache
def corpus() -> dict[str, dict[str, str]]:
    lines = (SEEDS / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    return {record["id"]: record for record in map(json.loads, lines)}


def test_russian_kremlin_article_uses_russian_stemming_and_stop_words() -> None:
    record = corpus()["kremlin-ru-76606"]
    profile = resolve_language("ru")
    assert profile.name == "russian"
    assert profile.note is None
    assert {"и", "в", "не"} <= profile.stop_words
    assert profile.stemmer("переговоры") == profile.stemmer("переговоров")
    summary = summarize(record["text"], language="ru", algorithm="hybrid", length=3,
                        title=record["title"])
    flat = " ".join(record["text"].split())
    assert len(summary.sentences) == 3
    assert all(spoken_text(" ".join(s.split())) in flat for s in summary.sentences)
    assert summary.language == "ru"
    assert summary.total_sentences > 20  # "В.Путин", "т.е." and initials do not split


def test_chinese_briefs_split_on_chinese_full_stops() -> None:
    briefs = [r for r in corpus().values() if r["language"] == "zh"]
    assert len(briefs) >= 10
    joined = "".join(r["text"] for r in briefs[:5])
    assert split_sentences(joined, "zh") == [r["text"] for r in briefs[:5]]
    summary = summarize(joined, language="zh", algorithm="hybrid", length=2)
    assert len(summary.sentences) == 2
    assert all(s in joined for s in summary.sentences)
