"""Fixtures for summarization tests: no NLTK data anywhere, and no way to download it."""

from __future__ import annotations

from pathlib import Path

import nltk
import pytest

ENGLISH_ARTICLE = """\
The central bank raised interest rates by half a point on Thursday. It was the third rise this year.

Mr. Smith, the bank's governor, said inflation had stayed too high for too long. \
"We will do what it takes," he told reporters in Washington. Prices rose 3.5% in the year to March.

Retailers warned that higher borrowing costs would hurt spending. Shares of U.S. homebuilders fell \
sharply after the announcement. The bank said it expected inflation to ease by the end of next year.

Economists were divided on the decision. Some said the rise came too late. Others warned that the \
economy was already slowing and that unemployment could rise.
"""

RUSSIAN_ARTICLE = """\
Центральный банк в четверг повысил ключевую ставку на половину пункта. Это уже третье повышение \
в этом году.

Глава банка заявил, что инфляция слишком долго остаётся высокой. «Мы сделаем всё необходимое», — \
сказал он журналистам в Москве. Цены за год выросли на 3,5%.

Торговые сети предупредили, что дорогие кредиты ударят по потреблению. Акции строительных компаний \
резко упали после объявления. Банк ожидает, что инфляция замедлится к концу следующего года.

Экономисты разошлись во мнениях. Одни считают, что повышение запоздало. Другие предупреждают, что \
экономика уже замедляется, т.е. безработица может вырасти.
"""


def _refuse_download(*args: object, **kwargs: object) -> bool:
    raise AssertionError("nltk.download must never be called")


@pytest.fixture(autouse=True)
def no_nltk_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point NLTK at an empty folder and make any download attempt fail the test."""
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    monkeypatch.setenv("NLTK_DATA", str(empty))
    monkeypatch.setattr(nltk.data, "path", [str(empty)])
    monkeypatch.setattr(nltk, "download", _refuse_download)
    monkeypatch.setattr(nltk.downloader, "download", _refuse_download)
    return empty


def flatten(text: str) -> str:
    """Collapse whitespace, as paragraphs are joined before sentences are split."""
    return " ".join(text.split())
