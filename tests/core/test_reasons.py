"""Reasons stated in English by the core read in the chat's language (digests.reasons)."""

from __future__ import annotations

import string

import pytest

from digests import reasons
from digests.i18n import ENGLISH, translator

RU = translator("ru")
SAMPLE = {"error": "x1", "port": "70000", "scheme": "ftp", "host": "10.0.0.1",
          "encoding": "gzip", "seconds": "10", "status": "404", "phrase": "I'm a teapot",
          "media": "image/png", "count": "5", "size": "5,000,000", "reason": "x2",
          "chars": "90001", "limit": "90000", "detail": "x3", "code": "-2",
          "suffix": "'.exe'", "url": "https://example.org/feed.xml"}


def _filled(template: str) -> str:
    names = [name for _, name, _, _ in string.Formatter().parse(template) if name]
    return template.format(**{name: SAMPLE[name] for name in names})


@pytest.mark.parametrize("template", reasons.REASONS + reasons.KNOWN_VALUES)
def test_every_reason_reads_back_in_russian_with_its_values(template: str) -> None:
    text = _filled(template)
    russian = reasons.translate(text, RU)
    assert russian == RU.gettext(template, **{
        name: SAMPLE[name] for _, name, _, _ in string.Formatter().parse(template) if name})
    assert russian != text or template in {"Forbidden: user is deactivated"}
    assert reasons.translate(text, ENGLISH) == text


@pytest.mark.parametrize(("english", "russian"), [
    ("the server answered 404 Not Found", "сервер ответил кодом 404 (не найдено)"),
    ("the server answered 418 I'm a teapot", "сервер ответил кодом 418 (I'm a teapot)"),
    ("the server answered 599", "сервер ответил кодом 599"),
    ("could not connect: All connection attempts failed",
     "не удалось подключиться: все попытки соединения не удались"),
    ("could not connect: [Errno -2] Name or service not known",
     "не удалось подключиться: имя хоста не найдено (ошибка -2)"),
    ("cannot resolve example.invalid: Name or service not known",
     "сервер example.invalid не найден в DNS: такого имени нет"),
    ("cannot resolve example.org: Temporary failure in name resolution",
     "сервер example.org не найден в DNS: временный сбой DNS"),
    # As a feed's last error was stored before the resolver's failure had its own reason.
    ("could not connect: cannot resolve example.invalid: Name or service not known",
     "не удалось подключиться: сервер example.invalid не найден в DNS: такого имени нет"),
    ("no article text found on the page (empty: only boilerplate)",
     "на странице не найден текст статьи (текста нет: только служебные строки)"),
    ("membership: kicked", "бот удалён из чата"),
    ("delivery: Forbidden: bot was kicked from the channel chat",
     "доставка не удалась: бот удалён из канала"),
    ("malformed JSON Feed: nested too deeply",
     "JSON-лента с ошибками: слишком глубокая вложенность"),
])
def test_known_texts_inside_a_reason_are_translated_too(english: str, russian: str) -> None:
    assert reasons.translate(english, RU) == russian


def test_other_texts_are_shown_as_they_are() -> None:
    assert reasons.translate("the feed said no", RU) == "the feed said no"
    assert reasons.translate(None, RU) == "причина неизвестна"
    assert reasons.translate("", ENGLISH) == "unknown"
    long = "could not connect: " + "x" * 2000
    assert reasons.translate(long, RU) == long
