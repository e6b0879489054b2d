"""NewsService: an article a chat sent is visible to that chat only, by id or by search."""

from __future__ import annotations

import pytest

from digests.service import NewsService, NotFound
from digests.settings import Settings
from digests.store.base import Store

TEXT = ("Walrus diary\nMy notes on the walrus colony: the walrus pups were counted twice "
        "this morning and the numbers matched.")
ALICE, BOB = 1001, 2002


@pytest.fixture
def news(store: Store, settings: Settings) -> NewsService:
    return NewsService(store, settings, topics={})


def _paste(news: NewsService) -> int:
    result = news.ingest_text(TEXT, source="Pasted text", owner_chat_id=ALICE)
    assert result.article_id is not None
    return result.article_id


def test_owner_opens_a_private_article(news: NewsService) -> None:
    article_id = _paste(news)
    assert news.article(article_id, viewer_chat_id=ALICE).owner_chat_id == ALICE
    found = news.summary_of_article(article_id, viewer_chat_id=ALICE)
    assert found.article.id == article_id


@pytest.mark.parametrize("viewer", [BOB, None])
def test_others_get_not_found_for_a_private_article(news: NewsService,
                                                    viewer: int | None) -> None:
    article_id = _paste(news)
    with pytest.raises(NotFound, match=f"no article with id {article_id}"):
        news.article(article_id, viewer_chat_id=viewer)
    with pytest.raises(NotFound, match=f"no article with id {article_id}"):
        news.summary_of_article(article_id, viewer_chat_id=viewer)


def test_private_article_is_not_searched_summarized_or_digested(news: NewsService) -> None:
    _paste(news)
    assert news.search("walrus") == []
    with pytest.raises(NotFound):
        news.summary_for("walrus")
    assert news.digest("walrus", widen=True).is_empty


def test_public_article_is_open_to_everyone(news: NewsService) -> None:
    result = news.ingest_text(TEXT, source="Wire")
    assert result.article_id is not None
    assert news.article(result.article_id).id == result.article_id
    assert news.article(result.article_id, viewer_chat_id=BOB).id == result.article_id
