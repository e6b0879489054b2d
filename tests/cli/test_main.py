"""The `newsdigest` command end to end on the bundled seeds (in-process, temp database)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from cli.main import run
from digests.summarize.standalone import spoken_text
from tests.conftest import SEEDS

Invoke = Callable[..., tuple[int, str, str]]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database with the seeds ingested, shared by this module's tests."""
    path = tmp_path_factory.mktemp("cli")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(path)
        mp.setenv("DATA_DIR", str(path / "data"))
        assert run(["ingest", str(SEEDS)]) == 0
    return path / "data"


@pytest.fixture
def cli(data_dir: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> Invoke:
    monkeypatch.chdir(data_dir.parent)
    monkeypatch.setenv("DATA_DIR", str(data_dir))
    monkeypatch.setenv("COLUMNS", "200")

    def invoke(*argv: str) -> tuple[int, str, str]:
        code = run(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return invoke


def seed_sentences() -> str:
    texts = []
    for path in SEEDS.rglob("*"):
        if path.suffix == ".jsonl":
            texts += [json.loads(line)["text"] for line in path.read_text().splitlines()]
        elif path.suffix == ".txt":
            texts.append(path.read_text())
    return " ".join(" ".join(t.split()) for t in texts)


def test_ingesting_the_seeds_again_adds_nothing(cli: Invoke) -> None:
    code, out, _ = cli("ingest", str(SEEDS), "--json")
    assert code == 0
    outcomes = [r["outcome"] for r in json.loads(out)["results"]]
    assert outcomes
    assert "added" not in outcomes
    assert "near-duplicate" not in outcomes


def test_digest_is_built_from_real_seed_sentences(cli: Invoke) -> None:
    code, out, _ = cli("digest", "russia-china", "--since", "100000d", "--json")
    assert code == 0
    digest = json.loads(out)
    assert digest["stories"]
    corpus = seed_sentences()
    for story in digest["stories"]:
        assert story["lead"]["source"]
        for sentence in story["summary"]["sentences"]:
            said = spoken_text(" ".join(sentence.split()))  # transcript turns get a speaker
            assert said in corpus or said[1:] in corpus  # "However, x" -> "X"


def test_digest_text_output_names_sources(cli: Invoke) -> None:
    code, out, _ = cli("digest", "russia-china", "--since", "100000d")
    assert code == 0
    assert "Russia–China relations" in out
    assert "kremlin.ru" in out
    # a story folded from one outlet's reports counts them, never "Also reported by" itself
    assert "more reports from this source: #" in out
    for line in out.splitlines():
        if "Also reported by:" in line:
            names = line.split("Also reported by:")[1].split(", ")
            assert len(names) == len(set(names)), line


def test_summary_by_topic_is_valid_json(cli: Invoke) -> None:
    code, out, _ = cli("summary", "--topic", "russia-china", "--json")
    assert code == 0
    found = json.loads(out)
    assert found["summary"]["sentences"]
    assert found["article"]["id"] == found["summary"]["article_id"]


def test_search_and_articles_and_topics(cli: Invoke) -> None:
    code, out, _ = cli("search", "putin AND xi", "--limit", "3", "--json")
    assert code == 0
    assert len(json.loads(out)) == 3
    assert cli("articles", "--limit", "2")[0] == 0
    code, out, _ = cli("topics")
    assert code == 0
    assert "russia-china" in out


def test_an_undated_article_is_listed_as_date_unknown(cli: Invoke) -> None:
    # `articles` and `search` showed the Conversation piece (no date given) as published
    # on the day it was ingested, at the top of "newest first".
    code, out, _ = cli("articles", "--limit", "1")
    assert code == 0
    assert "date unknown" in out
    code, out, _ = cli("search", "no-limits ties", "--limit", "1")
    assert code == 0
    assert "date unknown" in out
    code, out, _ = cli("articles", "--limit", "1", "--json")
    [article] = json.loads(out)
    assert (article["dated"], article["published_at"]) == (False, None)
    assert article["ingested_at"]


@pytest.mark.parametrize("query", ["AT&T", "covid-19", '"unbalanced', "NEAR(", "a*"])
def test_hostile_search_queries_do_not_fail(cli: Invoke, query: str) -> None:
    assert cli("search", query)[0] == 0


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (("digest", "russia-chna"), 2, "unknown topic"),
        (("summary", "--topic", "nope"), 2, "unknown topic"),
        (("summary", "--article", "999999"), 1, "no article"),
        (("search", "*"), 2, "no words"),
        (("search", "(" * 330 + "russia"), 2, "levels deep"),
        (("summary", "--length", "lots", "x"), 2, "bad summary length"),
        (("summary", "--algorithm", "magic", "putin"), 2, "magic"),
        (("summary", "--file", "/nonexistent/file.txt"), 1, "could not read"),
    ],
)
def test_bad_input_is_one_clear_line(
    cli: Invoke, argv: tuple[str, ...], code: int, message: str
) -> None:
    got, _, err = cli(*argv)
    assert got == code
    assert message in err.lower()
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_summary_of_a_file(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    sentences = [f"Sentence number {i} talks about the harbour of Vladivostok." for i in range(12)]
    path.write_text("Harbour news\n\n" + " ".join(sentences))
    code, out, _ = cli("summary", "--file", str(path), "--length", "2", "--json")
    assert code == 0
    assert len(json.loads(out)["summary"]["sentences"]) == 2
    assert re.search(r"harbour", out, re.IGNORECASE)


@pytest.mark.parametrize(
    ("env", "argv", "code", "message"),
    [
        ({"DATABASE_URL": "bogus://x"}, ("articles",), 2, "bad database_url"),
        ({"DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"}, ("articles",), 1,
         "database error"),
        ({"LOG_LEVEL": "verbose"}, ("topics",), 2, "bad setting"),
    ],
)
def test_configuration_errors_are_one_line(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], argv: tuple[str, ...],
    code: int, message: str,
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    got, _, err = cli(*argv)
    assert got == code
    assert message in err.lower()
    assert len(err.strip().splitlines()) == 1


def test_out_of_range_article_ids_are_not_found(cli: Invoke) -> None:
    got, _, err = cli("summary", "--article", "99999999999999999999999")
    assert got == 1
    assert "no article" in err


def test_ingesting_a_missing_file_says_so_and_fails(cli: Invoke) -> None:
    code, out, _ = cli("ingest", "/nonexistent/news.txt")
    assert code == 1
    assert "no such file" in out


def test_summary_file_refuses_a_folder(cli: Invoke, tmp_path: Path) -> None:
    code, _, err = cli("summary", "--file", str(tmp_path))
    assert code == 2
    assert "folder" in err


OFFICIAL = "official state communication of a party to a war (not independent journalism)"


def test_digest_shows_labels_and_balances_sources(cli: Invoke) -> None:
    code, out, _ = cli("digest", "russia-china", "--since", "100000d")
    assert code == 0
    flat = " ".join(out.split())
    assert OFFICIAL in flat  # the seed metadata's label, next to the licence
    assert "CC BY 4.0" in flat
    stories = re.findall(r"^\d\. .*\n(.*)", out, re.MULTILINE)
    kremlin = [line for line in stories if line.startswith("President of Russia (en.kremlin")]
    assert len(kremlin) == 2  # 40% of 5 stories while other sources match
    assert re.search(r"\+\d+ more from President of Russia \(en\.kremlin\.ru\)", out)


def test_digest_json_carries_labels_licence_attribution_and_the_rest(cli: Invoke) -> None:
    code, out, _ = cli("digest", "russia-china", "--since", "100000d", "--json")
    assert code == 0
    digest = json.loads(out)
    leads = [story["lead"] for story in digest["stories"]]
    official = [lead for lead in leads if lead["source_kind"] == OFFICIAL]
    assert official
    assert all(lead["license"] and lead["attribution"] for lead in official)
    [more] = [m for m in digest["more_from"] if "kremlin" in m["source"]]
    assert more["stories"] > 0


def test_a_story_whose_sentence_became_a_key_point_shows_no_zero_count(cli: Invoke) -> None:
    # Wikipedia briefs of one sentence: the key point [n] takes it, the story has none left
    code, out, _ = cli("digest", "ukraine-war", "--since", "100000d", "--lang", "ru")
    assert code == 0
    assert "Главное" in out
    assert not any(line.strip().startswith("0 из ") for line in out.splitlines())


def test_a_digest_without_a_window_widens_like_the_bots(cli: Invoke) -> None:
    # The seeds are years old: the last 24 h hold nothing, so the latest stories are shown.
    code, out, _ = cli("digest", "russia-china")
    assert code == 0
    assert "Nothing new in the last 24 hours" in out
    assert "kremlin.ru" in out
    code, out, _ = cli("digest", "russia-china", "--since", "24h")  # a window asked for
    assert code == 0
    assert "Nothing new in the last 24 hours" not in out
    assert "No new articles on this topic in the window." in out
