"""What the parsers refuse reads in the chat's language; str() stays English (CLI, logs)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from digests.i18n import InvalidValueError, explain, translator
from digests.subscriptions.args import parse_subscribe
from digests.subscriptions.schedule import parse_time_of_day
from digests.subscriptions.weekdays import parse_weekdays
from digests.summarize import UnknownAlgorithm, get_algorithm
from digests.timeparse import parse_duration

RU = translator("ru")


@pytest.mark.parametrize(("parse", "text", "english", "russian"), [
    (parse_duration, "3x", "not a duration: '3x'", "не похоже на срок: '3x'"),
    (parse_duration, "0h", "a duration must be positive", "срок должен быть больше нуля"),
    (parse_time_of_day, "25:00", "not a time of day: '25:00'", "не похоже на время: '25:00'"),
    (parse_weekdays, "mon-fry", "not a weekday: 'fry'", "не день недели: 'fry'"),
    (parse_weekdays, ",", "no weekday in ','", "в ',' нет дней недели"),
    (lambda text: parse_subscribe([text]), "08:00", "say which topic or query",
     "укажите тему или запрос"),
    # A mistyped weekday set after the time used to be read as an unknown time zone.
    (lambda text: parse_subscribe(text.split()), "russia-china 08:00 mon-fry",
     "not a weekday: 'fry' (use e.g. mon-fri", "'fry' — не день недели (пишите, например, "
     "mon-fri, sat,sun, weekends или daily)"),
    (lambda text: parse_subscribe(text.split()), "russia-china 08:00 fridy Europe/Berlin",
     "not a weekday: 'fridy'", "'fridy' — не день недели"),
    (lambda text: parse_subscribe(text.split()), "space 08:00 sat,snu skip",
     "not a weekday: 'snu'", "'snu' — не день недели"),
])
def test_refusals_explain_themselves(parse: Callable[[str], object], text: str, english: str,
                                     russian: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        parse(text)
    assert isinstance(caught.value, ValueError)  # callers that catch ValueError still do
    assert str(caught.value).startswith(english)
    assert explain(caught.value, RU).startswith(russian)


def test_an_unknown_algorithm_names_the_known_ones_in_russian() -> None:
    with pytest.raises(UnknownAlgorithm) as caught:
        get_algorithm("foo")
    assert str(caught.value).startswith("unknown summarization algorithm 'foo'; known: ")
    assert explain(caught.value, RU).startswith("неизвестный алгоритм пересказа 'foo'; "
                                                "известные: edmundson, hybrid")
