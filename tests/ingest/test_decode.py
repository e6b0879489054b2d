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


def _html(data: bytes) -> RawDocument:
    return RawDocument("x.html", DocumentKind.HTML, data)


FRENCH = "Le conseil a adopté le budget après un débat très long : 12 € d’économies."
SCRIPT = "<script>" + "track('page'); " * 6_000 + "</script>"  # 90 KB of ASCII


def test_meta_charset_after_a_long_ascii_head_is_honoured() -> None:
    # Issue 13.13: the detector saw only the first 64,000 bytes (ASCII) and <meta> was
    # ignored: the page was rejected "undecodable: not valid ascii".
    page = f'<html><head>{SCRIPT}<meta charset="windows-1252"></head><body><p>{FRENCH}</p>'
    assert decode(_html(page.encode("cp1252"))) == page


def test_http_equiv_and_xml_declaration_are_declarations_too() -> None:
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; '
            f'charset=iso-8859-15"></head><body>{FRENCH.replace("’", "")}</body></html>')
    assert decode(_html(page.encode("iso-8859-15"))) == page


def test_undeclared_legacy_text_after_an_ascii_head_is_not_rejected() -> None:
    page = f"<html><head>{SCRIPT}</head><body><p>{FRENCH}</p></body></html>"
    decoded = decode(_html(page.encode("cp1252")))
    assert isinstance(decoded, str)
    assert decoded.startswith(f"<html><head>{SCRIPT}")


def test_the_header_charset_comes_first() -> None:
    page = f'<html><head><meta charset="koi8-r"></head><body>{FRENCH}</body></html>'
    assert decode(_html(page.encode("cp1252")), charset="windows-1252") == page
    assert decode(_html(codecs.BOM_UTF8 + b"<p>x</p>"), charset="utf-8") == "<p>x</p>"
