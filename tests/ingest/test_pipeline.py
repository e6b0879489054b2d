"""End to end against the real SQLite store: files in, articles and outcomes out."""

import io
import json
from pathlib import Path

import pytest

from digests.ingest import ingest_paths, ingest_text
from digests.ingest.pipeline import ingest_drafts
from digests.models import AddOutcome, ArticleDraft
from digests.settings import Settings
from digests.store.base import Store
from tests.conftest import SEEDS
from tests.ingest.conftest import SEED_ARTICLE


def _rewrite(text: str) -> str:
    """Change a few sentences of a long article, the way a republisher edits a wire story."""
    paragraphs = text.split("\n\n")
    paragraphs[1] = "Beijing said the visit was a routine one and nothing more should be read."
    paragraphs[5] = paragraphs[5].replace("China", "the People's Republic")
    return "\n\n".join(paragraphs[:-1])


def test_seeds_twice_adds_nothing_the_second_time(store: Store, settings: Settings) -> None:
    first = ingest_paths(store, [SEEDS], settings)
    assert first.count(AddOutcome.REJECTED) == 0
    assert first.count(AddOutcome.ADDED) + first.count(AddOutcome.NEAR_DUPLICATE) == 301
    assert first.skipped == [str(SEEDS / "README.md")]
    stored = store.count_articles()

    second = ingest_paths(store, [SEEDS], settings)
    assert second.count(AddOutcome.DUPLICATE) == 301
    assert store.count_articles() == stored


def test_known_corpus_near_duplicates_are_linked(store: Store, settings: Settings) -> None:
    ingest_paths(store, [SEEDS / "corpus.jsonl"], settings)
    talks = store.find_by_external_id("Президент России (kremlin.ru)", "kremlin-ru-76870")
    announcement = store.find_by_external_id("Президент России (kremlin.ru)", "kremlin-ru-76838")
    assert talks is not None
    assert announcement is not None
    assert talks.duplicate_of == announcement.id


def test_seed_article_metadata_and_clean_text(store: Store, settings: Settings,
                                              seed_copy: Path) -> None:
    [result] = ingest_paths(store, [seed_copy], settings).results
    assert result.outcome is AddOutcome.ADDED
    assert result.article_id is not None
    article = store.get_article(result.article_id)
    assert article is not None
    assert article.title == "Xi's Moscow visit shows Russia–China 'no-limits' ties"
    assert (article.source, article.author, article.license) == (
        "The Conversation", "Stefan Wolff", "CC BY-ND 4.0")
    assert article.attribution is not None
    assert "Creative Commons" in article.attribution
    assert article.language == "en"
    assert "republished" not in article.text
    assert "Professor of International Security" not in article.text


def test_near_copy_is_stored_linked_to_its_original(store: Store, settings: Settings,
                                                    seed_copy: Path, tmp_path: Path) -> None:
    original = ingest_paths(store, [seed_copy], settings).results[0]
    text = (seed_copy / "000_a9ea9248f7a23e13.txt").read_text(encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_text(_rewrite(text.replace("\n", "\n\n")), encoding="utf-8")

    [result] = ingest_paths(store, [copy], settings).results
    assert result.outcome is AddOutcome.NEAR_DUPLICATE
    assert result.original_id == original.article_id
    assert result.article_id is not None
    duplicates = store.duplicates_of([original.article_id or 0])
    assert [a.id for a in duplicates[original.article_id or 0]] == [result.article_id]


def test_rejections_are_reported_not_raised(store: Store, settings: Settings,
                                           tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"GIF89a\x00\x01\x02")
    (tmp_path / "latin.txt").write_bytes(b"\xff\xfe\x00\xd8")
    (tmp_path / "share.md").write_text("Share this article\n\nFollow us on X", encoding="utf-8")
    (tmp_path / "big.txt").write_text("Big news.\n" + "word " * 50, encoding="utf-8")
    small = Settings(_env_file=None, data_dir=tmp_path, max_article_chars=100)  # type: ignore[call-arg]
    report = ingest_paths(store, [tmp_path, tmp_path / "missing.txt"], small)
    reasons = {Path(r.label).name: (r.reason or "").split(":")[0] for r in report.rejections}
    assert reasons == {"empty.txt": "empty", "binary.txt": "binary", "latin.txt": "undecodable",
                       "share.md": "empty", "big.txt": "too large", "missing.txt": "unreadable"}
    assert report.count(AddOutcome.ADDED) == 0
    assert "rejected" in report.describe()


def test_stdin_and_progress(store: Store, settings: Settings) -> None:
    lines = "\n".join(json.dumps({"id": f"r{n}", "title": f"T{n}", "text": f"Body number {n}.",
                                  "source": "s"}) for n in range(3))
    calls: list[tuple[int, int]] = []
    report = ingest_paths(store, ["-"], settings, stdin=io.BytesIO(lines.encode()),
                          progress=lambda done, total: calls.append((done, total)))
    assert report.count(AddOutcome.ADDED) == 3
    assert calls == [(1, 1)]


def test_changed_text_under_same_identity_is_an_update(store: Store, settings: Settings) -> None:
    first = ArticleDraft(title="T", text="Version one of the post.", source="chan",
                         external_id="42")
    edited = ArticleDraft(title="T", text="Version two of the post.", source="chan",
                          external_id="42")
    added, updated = ingest_drafts(store, [first, edited], settings)
    assert updated.outcome is AddOutcome.UPDATED
    assert updated.article_id == added.article_id
    stored = store.get_article(added.article_id or 0)
    assert stored is not None
    assert stored.text == "Version two of the post."


def test_ingest_text_takes_title_from_first_line(store: Store, settings: Settings) -> None:
    result = ingest_text(store, "Bridge reopens\nThe Crimean bridge reopened on Saturday.",
                         source="telegram", settings=settings)
    assert result.outcome is AddOutcome.ADDED
    article = store.get_article(result.article_id or 0)
    assert article is not None
    assert (article.title, article.origin, article.source) == ("Bridge reopens", "text",
                                                               "telegram")
    again = ingest_text(store, "Bridge reopens\nThe Crimean bridge reopened on Saturday.",
                        source="telegram", settings=settings)
    assert again.outcome is AddOutcome.DUPLICATE


def test_batch_size_does_not_change_outcomes(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Drafts are saved in batches; duplicates within and across batches are still found."""
    from digests.ingest import batches

    original = SEED_ARTICLE.read_text(encoding="utf-8")
    drafts = [
        ArticleDraft(title="A", text=original, source="s", external_id="1"),
        ArticleDraft(title="copy", text=original, source="s", external_id="2"),
        ArticleDraft(title="B", text="A short brief about a bridge.", source="s"),
        ArticleDraft(title="A edited", text=_rewrite(original.replace("\n", "\n\n")),
                     source="s", external_id="3"),
        ArticleDraft(title="B again", text="A short brief about a bridge.", source="t"),
        ArticleDraft(title="A v2", text=original + "\n\nCorrection.", source="s",
                     external_id="1"),
        ArticleDraft(title="empty", text="   ", source="s"),
    ]
    monkeypatch.setattr(batches, "BATCH_SIZE", 2)
    results = ingest_drafts(store, drafts, settings)
    assert [r.outcome for r in results] == [
        AddOutcome.ADDED, AddOutcome.DUPLICATE, AddOutcome.ADDED, AddOutcome.NEAR_DUPLICATE,
        AddOutcome.DUPLICATE, AddOutcome.UPDATED, AddOutcome.REJECTED,
    ]
    assert results[1].original_id == results[0].article_id
    assert results[3].original_id == results[0].article_id
    assert results[5].article_id == results[0].article_id
    assert store.count_articles() == 3
