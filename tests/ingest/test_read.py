import io
from pathlib import Path

from digests.ingest.read import discover, read_input, sniff_kind
from digests.ingest.types import DocumentKind, LineStream, RawDocument, Rejection


def test_discover_walks_folders_and_skips_non_articles(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/one.txt", "a/b/two.html", "a/b/three.jsonl", "README.md", "x.png",
                 ".hidden.txt", "a/one.txt.meta.json"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = discover([str(tmp_path)])
    assert [Path(p).name for p in found.inputs] == ["three.jsonl", "two.html", "one.txt"]
    assert len(found.skipped) == 3


def test_named_file_with_unknown_type_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(b"x")
    result = read_input(str(path), 100)
    assert isinstance(result, Rejection)
    assert "unsupported" in result.reason


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    result = read_input(str(tmp_path / "gone.txt"), 100)
    assert isinstance(result, Rejection)
    assert result.reason == "unreadable: no such file or folder"


def test_too_large_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("a" * 101, encoding="utf-8")
    result = read_input(str(path), 100)
    assert isinstance(result, Rejection)
    assert result.reason.startswith("too large")


def test_sidecar_metadata_is_read(seed_copy: Path) -> None:
    result = read_input(str(seed_copy / "000_a9ea9248f7a23e13.txt"), 10**6)
    assert isinstance(result, RawDocument)
    assert result.metadata["source"] == "The Conversation"


def test_stdin_kind_is_sniffed() -> None:
    result = read_input("-", 100, io.BytesIO(b'{"text": "x"}\n'))
    assert isinstance(result, LineStream)  # JSON Lines are streamed, not read whole
    assert list(result.lines) == [b'{"text": "x"}\n']
    assert sniff_kind(b"<!DOCTYPE html><html>") is DocumentKind.HTML
    assert sniff_kind(b"Plain words") is DocumentKind.TEXT
