from __future__ import annotations

from bot.render.lists import render_help, render_topics
from digests.models import Topic
from tests.render.conftest import HOSTILE_TITLE
from tests.render.oracle import assert_sendable


def test_topics() -> None:
    topics = [Topic("russia-china", "Russia & China", "russia china", "Relations <2>")]
    visible = assert_sendable(render_topics(topics))
    assert visible == "Topics\n\n• Russia & China — /digest russia-china\nRelations <2>"


def test_no_topics() -> None:
    assert render_topics([]) == "No topics are configured yet."


def test_many_hostile_topics_stay_one_message() -> None:
    topics = [Topic(f"t{i}", HOSTILE_TITLE, "q", HOSTILE_TITLE * 10) for i in range(200)]
    assert assert_sendable(render_topics(topics)).endswith("…")


def test_help_lists_commands() -> None:
    message = render_help([("start", "Start"), ("summary", "Summarize <topic | link>")])
    visible = assert_sendable(message)
    assert visible == "What I can do\n\n/start — Start\n/summary — Summarize <topic | link>"
