"""The chats service: the choices, language, zone and membership rules of every interface."""

from __future__ import annotations

import pytest

from digests.models.subscriptions import ChatInfo
from digests.services.chats import SUMMARY_LENGTHS, ChatService
from digests.subscriptions.zones import UnknownTimeZone
from tests.subscriptions.conftest import Rig, database_url, rig  # noqa: F401 - fixtures

GROUP = ChatInfo(-100500, "supergroup", title="Readers", username="readers")


@pytest.fixture
def chats(rig: Rig) -> ChatService:  # noqa: F811
    return ChatService(rig.news.store, rig.news)


def test_a_choice_is_stored_for_the_chat_and_a_stale_one_refused(chats: ChatService) -> None:
    assert chats.prefs(GROUP.chat_id).length is None  # a chat never seen: the defaults
    assert chats.choose(GROUP, "length", "8").length == "8"
    assert chats.choose(GROUP, "algorithm", "luhn").algorithm == "luhn"
    assert chats.prefs(GROUP.chat_id).length == "8"
    for setting, value in (("length", "7"), ("algorithm", "gone"), ("language", "de"),
                           ("colour", "red")):
        assert not chats.allowed(setting, value)
        with pytest.raises(ValueError, match="not a choice"):
            chats.choose(GROUP, setting, value)
    assert all(chats.allowed("length", length) for length in SUMMARY_LENGTHS)


def test_choosing_all_languages_keeps_the_interface_language(chats: ChatService) -> None:
    prefs = chats.choose(GROUP, "language", "ru")
    assert (prefs.language, prefs.interface) == ("ru", "ru")
    prefs = chats.choose(GROUP, "language", "all")
    assert (prefs.language, prefs.interface) == ("all", "ru")


def test_the_first_person_heard_sets_the_chats_language_once(chats: ChatService) -> None:
    assert chats.first_contact(GROUP, "ru-RU").language == "ru"
    assert chats.first_contact(GROUP, "en").language == "ru"  # another member: unchanged
    assert chats.prefs(GROUP.chat_id).interface == "ru"


def test_outside_a_chat_a_user_reads_their_private_chats_choice_or_their_apps_language(
        chats: ChatService) -> None:
    fresh = chats.user_prefs(7, "ru-RU")
    assert (fresh.language, fresh.interface) == ("ru", "ru")
    assert chats.prefs(7).language is None  # nothing stored for an inline query
    chats.choose(ChatInfo(7, "private"), "language", "en")
    assert chats.user_prefs(7, "ru-RU").language == "en"


def test_the_zone_and_membership_of_a_chat_move_its_subscriptions(
        chats: ChatService, rig: Rig) -> None:  # noqa: F811
    assert chats.zone_of(GROUP.chat_id) == "UTC"  # the default
    with pytest.raises(UnknownTimeZone):
        chats.set_timezone(GROUP, "Atlantis/Nowhere")
    assert chats.set_timezone(GROUP, "Tokyo") == "Asia/Tokyo"
    assert chats.zone_of(GROUP.chat_id) == "Asia/Tokyo"
    sub = rig.subscribe(GROUP.chat_id, "putin")
    assert chats.membership_changed(GROUP) == (True, 0)  # first join: greet once
    left = ChatInfo(GROUP.chat_id, GROUP.type, member_status="left")
    assert chats.membership_changed(left) == (False, 1)
    paused = rig.manager.subs.get(sub.id)
    assert paused is not None
    assert paused.paused
    assert paused.pause_reason == "membership: left"
    assert chats.resume_chat(GROUP.chat_id) == 1
