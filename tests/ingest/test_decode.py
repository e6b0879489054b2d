import codecs

from digests.ingest.decode import decode
from digests.ingest.types import DocumentKind, RawDocument, Rejection


def _raw(data: bytes) -> RawDocument:
    return RawDocument("x.txt", DocumentKind.TEXT, data)


def test_utf8_and_bom() -> None:
    assert decode(_raw("Путин".encode())) == "Путин"
    assert decode(_raw(codecs.BOM_UTF8 + b"Hello")) == "Hello"


def test_utf16_with_bom_is_not_binary() -> None:
    assert decode(_raw("Hello world".encode("utf-16"))) == "Hello world"


def test_legacy_charset_is_detected() -> None:
    text = "Президент России провёл переговоры с Председателем Китайской Народной Республики."
    assert decode(_raw(text.encode("cp1251"))) == text


def test_rejections() -> None:
    empty = decode(_raw(b"  \n"))
    binary = decode(_raw(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert isinstance(empty, Rejection)
    assert empty.reason == "empty"
    assert isinstance(binary, Rejection)
    assert binary.reason.startswith("binary")


def test_bad_encoding_is_rejected() -> None:
    broken = decode(_raw(b"\xff\xfe\x00\xd8"))  # a UTF-16 BOM then a lone surrogate
    assert isinstance(broken, Rejection)
    assert broken.reason.startswith("undecodable")
