"""Message catalogs: complete, consistent, loaded from the .po sources, Russian plurals."""

from __future__ import annotations

import re
import string

import pytest
from babel.messages.pofile import read_po

from digests.catalogs import catalogs, extract_messages
from digests.i18n import ENGLISH, translator
from digests.language import CHAT_LANGUAGES

FIELDS = string.Formatter()


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in FIELDS.parse(text) if name}


def _ids(message_id: str | tuple[str, ...]) -> tuple[str, ...]:
    return message_id if isinstance(message_id, tuple) else (message_id,)


def test_every_language_the_bot_offers_has_a_catalog() -> None:
    assert CHAT_LANGUAGES[0] == "en"
    assert "ru" in CHAT_LANGUAGES
    assert [code for code, _ in catalogs()] == list(CHAT_LANGUAGES[1:])


@pytest.mark.parametrize(("language", "path"), list(catalogs()))
def test_catalogs_translate_every_text_with_the_same_placeholders(language: str,
                                                                    path: object) -> None:
    with open(path, "rb") as source:  # type: ignore[call-overload]
        catalog = read_po(source, locale=language)
    missing, wrong = [], []
    for message in extract_messages():
        if not message.id:
            continue
        found = catalog.get(message.id)
        strings = _ids(found.string) if found is not None else ()
        if found is None or found.fuzzy or not all(strings):
            missing.append(message.id)
            continue
        if any(_fields(s) != _fields(_ids(message.id)[-1]) for s in strings):
            wrong.append(message.id)
    assert not missing, f"untranslated in {language}: {missing} (python -m digests.catalogs)"
    assert not wrong, f"placeholders differ in {language}: {wrong}"


@pytest.mark.parametrize(("count", "text"), [
    (1, "1 сюжет"), (2, "2 сюжета"), (4, "4 сюжета"), (5, "5 сюжетов"), (11, "11 сюжетов"),
    (21, "21 сюжет"), (22, "22 сюжета"), (25, "25 сюжетов"), (0, "0 сюжетов"),
])
def test_russian_plural_forms(count: int, text: str) -> None:
    assert translator("ru").ngettext("{count} story", "{count} stories", count) == text


def test_english_is_the_source_and_unknown_languages_fall_back_to_it() -> None:
    assert ENGLISH.ngettext("{count} story", "{count} stories", 1) == "1 story"
    assert ENGLISH.ngettext("{count} story", "{count} stories", 2) == "2 stories"
    assert translator("xx").gettext("Key points") == "Key points"
    assert translator(None) is ENGLISH
    assert translator("ru").gettext("Key points") == "Главное"


def test_language_names_are_written_as_their_readers_write_them() -> None:
    assert ENGLISH.language_name("ru") == "Русский"
    assert translator("ru").language_name("en") == "English"


def test_no_compiled_catalogs_are_committed() -> None:
    from digests.language import LOCALES

    assert not list(LOCALES.rglob("*.mo"))
    assert all(re.fullmatch(r"[a-z]{2,3}", code) for code, _ in catalogs())


def test_russian_digest_frame() -> None:
    from datetime import UTC, datetime

    from bot.render.digest import footer_block, story_block
    from digests.models import Article, Digest, Story, Summary

    moment = datetime(2025, 5, 1, 12, tzinfo=UTC)
    lead = Article(id=1, title="Summit", text="x", source="Wire", url=None, canonical_url=None,
                   language="en", published_at=moment, ingested_at=moment, content_hash="1")
    other = Article(id=2, title="Саммит", text="x", source="ТАСС", url=None, canonical_url=None,
                    language="ru", published_at=moment, ingested_at=moment, content_hash="2")
    story = Story(lead=lead, summary=Summary(("One.",), 3, "hybrid", "en"), others=(other,))
    ru = translator("ru")
    block = story_block(story, 1, t=ru, language="ru")
    assert "<code>EN</code>" in block
    assert "Также сообщают:" in block
    digest = Digest(title="T", query="q", since=moment, until=moment, generated_at=moment,
                    stories=(story,))
    assert "Составлено 2025-05-01 12:00 UTC" in footer_block(digest, None, t=ru)
    assert "<code>" not in story_block(story, 1, language="en")


def _literal_calls() -> list[tuple[str, int, str]]:
    """(file, line, text) of every gettext-like call with a literal text in bot/, cli/ and
    digests/, f-strings included (the extractor does not look inside them)."""
    import ast

    from digests.catalogs import ROOT, SOURCES

    found = []
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call) or not isinstance(node.func,
                                                                    ast.Attribute | ast.Name):
                    continue
                name = node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id
                index = {"gettext": 0, "ngettext": 0, "N_": 0, "pgettext": 1}.get(name)
                if index is None or len(node.args) <= index:
                    continue
                arg = node.args[index]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.append((f"{folder}/{path.relative_to(ROOT / folder)}", node.lineno,
                                  arg.value))
    return found


def test_every_literal_text_reaches_the_catalogs() -> None:
    # A gettext call inside an f-string is not extracted: its text was never translated
    # ("🚨 Alert" in a Russian chat's alert), so no text may hide there.
    extracted = {_ids(message.id)[0] for message in extract_messages() if message.id}
    calls = _literal_calls()
    assert len(calls) > 300
    assert [call for call in calls if call[2] not in extracted] == []
