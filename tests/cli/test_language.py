"""`--lang` on the bundled seeds: the reader's language first in digest, summary, search."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_main import Invoke, cli, data_dir  # noqa: F401 - fixtures

TOPIC = ("russia-china", "--since", "100000d")


def _digest(cli: Invoke, *extra: str) -> dict[str, object]:  # noqa: F811
    code, out, err = cli("digest", *TOPIC, "--json", *extra)
    assert code == 0, err
    digest: dict[str, object] = json.loads(out)
    return digest


def _leads(digest: dict[str, object]) -> list[str]:
    return [s["lead"]["language"] for s in digest["stories"]]  # type: ignore[attr-defined]


def _points_from_leads_in(digest: dict[str, object], language: str) -> bool:
    stories = digest["stories"]
    # Each key point is marked with its story's number (and no longer repeated under it).
    numbers = digest["key_point_stories"]
    return all(stories[n - 1]["lead"]["language"] == language  # type: ignore[index]
               for n in numbers)  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_digest_leads_and_key_points_in_the_chosen_language(
        cli: Invoke, language: str) -> None:  # noqa: F811
    digest = _digest(cli, "--lang", language)
    leads = _leads(digest)
    assert leads[0] == language
    assert leads == sorted(leads, key=lambda lang: lang != language)  # others only after
    assert digest["key_points"]
    assert _points_from_leads_in(digest, language)
    assert digest["language"] == language


def test_all_languages_mixes_by_rank_as_before(cli: Invoke) -> None:  # noqa: F811
    leads = _leads(_digest(cli, "--lang", "all"))
    assert {"en", "ru"} <= set(leads)


def test_text_output_tags_other_language_stories(cli: Invoke) -> None:  # noqa: F811
    code, out, _ = cli("digest", *TOPIC, "--lang", "en", "--stories", "50")
    assert code == 0
    assert "[RU]" in out


def test_search_and_summary_put_the_language_first(cli: Invoke) -> None:  # noqa: F811
    code, out, _ = cli("search", "russia-china", "--lang", "ru", "--limit", "50", "--json")
    assert code == 0
    languages = [h["article"]["language"] for h in json.loads(out)]
    assert languages[0] == "ru"
    assert languages == sorted(languages, key=lambda lang: lang != "ru")
    for language in ("en", "ru"):
        code, out, _ = cli("summary", "--topic", "russia-china", "--lang", language, "--json")
        assert code == 0
        assert json.loads(out)["article"]["language"] == language


def test_terminal_language_is_the_default(cli: Invoke,  # noqa: F811
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    assert _leads(_digest(cli))[0] == "ru"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert _leads(_digest(cli))[0] == "en"


def test_a_bad_language_is_a_usage_error(cli: Invoke,  # noqa: F811
                                         capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli("digest", *TOPIC, "--lang", "русский")
    assert exited.value.code == 2
    assert "--lang" in capsys.readouterr().err


#: The CLI's English error texts that `--lang ru` used to print.
ENGLISH_ERRORS = ("unknown topic", "Known topics", "Did you mean", "not a duration",
                  "no articles match", "Try ", "the query has", "no article with id",
                  "unknown summarization", "give a query", "is a folder", "could not read",
                  "unreadable", "no such file", "bad summary length", "in the last")


@pytest.mark.parametrize(("argv", "code", "russian"), [
    (("digest", "russia-chna"), 2, "неизвестная тема 'russia-chna'. Может быть, вы имели в "
                                   "виду russia-china? Известные темы:"),
    (("digest", "russia-china", "--since", "5x"), 2, "не похоже на срок: '5x'"),
    (("search", "((("), 2, "в запросе нет слов для поиска"),
    (("summary", "--article", "99999"), 1, "нет статьи с номером 99999"),
    (("summary", "--topic", "space", "--algorithm", "nope"), 2,
     "неизвестный алгоритм пересказа 'nope'"),
    (("summary", "--topic", "space", "--length", "5x"), 2, "непонятная длина пересказа '5x'"),
    (("summary",), 2, "укажите запрос, --topic, --article или --file"),
    (("summary", "--file", "nonexistent.txt"), 1,
     "файл nonexistent.txt не прочитан: ошибка чтения: нет такого файла или папки"),
    (("digest", "brexitt"), 1, "по запросу «brexitt» за последние 24h статей нет. Может быть, "
                               "вы имели в виду brexit? Попробуйте --since подлиннее"),
    (("digest", "zzqx qqvv"), 1, "Попробуйте меньше слов, --since подлиннее"),
])
def test_errors_read_in_the_chosen_language(cli: Invoke, argv: tuple[str, ...],  # noqa: F811
                                            code: int, russian: str) -> None:
    got, out, err = cli(*argv, "--lang", "ru")
    assert got == code, err
    assert out == ""
    assert err.startswith("newsdigest: error: ")
    assert russian in err, err
    assert [phrase for phrase in ENGLISH_ERRORS if phrase in err] == [], err
    got, _, english = cli(*argv, "--lang", "en")  # English stays as it was
    assert got == code
    assert [phrase for phrase in ENGLISH_ERRORS if phrase in english]


def test_a_folder_given_as_a_file_reads_in_russian(cli: Invoke,  # noqa: F811
                                                   tmp_path: object) -> None:
    got, _, err = cli("summary", "--file", str(tmp_path), "--lang", "ru")
    assert got == 2
    assert f"{tmp_path} — это папка, а --file принимает один файл" in err


def test_search_reads_in_the_chosen_language(cli: Invoke) -> None:  # noqa: F811
    # `search … --lang ru` printed "No matches." and English column names.
    code, out, _ = cli("search", "китай", "--lang", "ru", "--limit", "1")
    assert code == 0
    assert "заголовок" in out
    assert "title" not in out
    code, out, _ = cli("search", "qqqzzzq", "--lang", "ru")
    assert code == 0
    assert out.strip() == "Ничего не найдено."
