"""The channel sources service: the rules `/source @channel` and channel posts follow."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from digests.models import AddOutcome
from digests.service import NewsService
from digests.services.channels import ChannelPost, ChannelSourceService, normalize_username
from digests.settings import Settings
from digests.store.base import Store

POST = ("Harbour bridge reopens after repairs\n"
        "The Zanzibar harbour bridge reopened on Monday after six months of repairs. "
        "Engineers replaced the cables and the deck. Traffic returned within hours.")
ADMIN = 42


@pytest.fixture
def channels(store: Store, settings: Settings) -> ChannelSourceService:
    return ChannelSourceService(store, settings.model_copy(update={"admin_user_ids": [ADMIN]}))


def _post(text: str = POST, *, username: str = "HarbourNews", title: str | None = "Harbour News",
          message_id: int = 7) -> ChannelPost:
    return ChannelPost(chat_id=-100123, message_id=message_id, username=username, title=title,
                       text=text, date=datetime(2026, 12, 1, 9, 30, tzinfo=UTC))


def test_usernames_are_normalized() -> None:
    assert normalize_username("@HarbourNews") == "harbournews"
    assert normalize_username("https://t.me/HarbourNews/") == "harbournews"
    for bad in ("", "@", "@abc", "@1abc", "@has space", "@" + "x" * 33):
        try:
            normalize_username(bad)
        except ValueError:
            continue
        raise AssertionError(bad)


def test_a_channel_is_added_once_under_any_spelling(channels: ChannelSourceService) -> None:
    first, added = channels.add("@Chan_one", title="One", added_by=1)
    again, added_again = channels.add("chan_one", title="One", added_by=2)
    assert added
    assert not added_again
    assert first == again
    assert [c.username for c in channels.registered()] == ["chan_one"]
    assert channels.get("https://t.me/CHAN_ONE") == first
    assert channels.remove("@chan_ONE")
    assert not channels.remove("chan_one")
    assert channels.registered() == []


def test_the_adder_and_the_bots_admins_may_remove_without_a_check(
        channels: ChannelSourceService) -> None:
    channels.add("harbournews", title="Harbour News", added_by=7)
    assert channels.may_remove("@HarbourNews", 7)
    assert channels.may_remove("harbournews", ADMIN)
    assert not channels.may_remove("harbournews", 8)
    assert not channels.may_remove("othernews", ADMIN)  # not a source: nothing to remove


def test_only_a_registered_channels_posts_with_text_become_articles(
        channels: ChannelSourceService, store: Store, settings: Settings) -> None:
    assert channels.ingest_post(_post()) is None
    assert store.count_articles() == 0
    channels.add("harbournews", title="Harbour News", added_by=7)
    assert channels.ingest_post(_post(" \n ")) is None
    result = channels.ingest_post(_post())
    assert result is not None
    assert result.outcome is AddOutcome.ADDED
    assert result.article_id is not None
    article = NewsService(store, settings, {}).article(result.article_id)
    assert article.url == "https://t.me/HarbourNews/7"
    assert article.external_id == "-100123/7"
    assert article.source == "Harbour News"
    assert article.title == "Harbour bridge reopens after repairs"
    assert article.published_at == datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def test_an_edited_post_updates_its_article_and_an_untitled_channel_is_its_name(
        channels: ChannelSourceService, store: Store) -> None:
    channels.add("harbournews", title=None, added_by=7)
    first = channels.ingest_post(_post(title=None))
    edited = channels.ingest_post(_post(POST.replace("six months", "seven months"), title=None))
    assert first is not None
    assert edited is not None
    assert edited.outcome is AddOutcome.UPDATED
    assert store.count_articles() == 1
    article = store.get_article(edited.article_id or first.article_id or 0)
    assert article is not None
    assert "seven months" in article.text
    assert article.source == "@HarbourNews"
