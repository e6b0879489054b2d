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
