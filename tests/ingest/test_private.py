"""Private texts (sent by a chat) in the save stage: public wins, chats never share a copy."""

from __future__ import annotations

from digests.ingest import ingest_text
from digests.ingest.pipeline import ingest_drafts
from digests.models import AddOutcome, ArticleDraft
from digests.query import parse_query
from digests.settings import Settings
from digests.store.base import Store

TEXT = "Walrus census\nThe walrus census counted more animals than last year on the coast."
ALICE, BOB = 1001, 2002


def _public(text: str = TEXT) -> ArticleDraft:
    title, body = text.split("\n", 1)
    return ArticleDraft(title=title, text=body, source="Wire", origin="feed")


def _searched(store: Store, query: str) -> list[int]:
    return [hit.article.id for hit in store.search(parse_query(query))]


def test_private_text_is_stored_private(store: Store, settings: Settings) -> None:
    result = ingest_text(store, TEXT, source="Pasted text", settings=settings,
                         owner_chat_id=ALICE)
    assert result.outcome is AddOutcome.ADDED
    article = store.get_article(result.article_id or 0)
    assert article is not None
    assert article.owner_chat_id == ALICE
    assert _searched(store, "walrus") == []


def test_public_news_repeating_a_private_text_publishes_it(store: Store,
                                                          settings: Settings) -> None:
    private = ingest_text(store, TEXT, source="Pasted text", settings=settings,
                          owner_chat_id=ALICE)
    [public] = ingest_drafts(store, [_public()], settings)
    assert public.outcome is AddOutcome.DUPLICATE
    assert public.original_id == private.article_id
    article = store.get_article(private.article_id or 0)
    assert article is not None
    assert article.owner_chat_id is None
    assert _searched(store, "walrus") == [private.article_id]


def test_private_text_repeating_public_news_gets_the_public_article(
    store: Store, settings: Settings
) -> None:
    [public] = ingest_drafts(store, [_public()], settings)
    private = ingest_text(store, TEXT, source="Pasted text", settings=settings,
                          owner_chat_id=ALICE)
    assert private.outcome is AddOutcome.DUPLICATE
    assert private.original_id == public.article_id
    article = store.get_article(public.article_id or 0)
    assert article is not None
    assert article.owner_chat_id is None
    assert store.count_articles() == 1


def test_two_chats_sending_the_same_text_each_get_their_own_copy(
    store: Store, settings: Settings
) -> None:
    alice = ingest_text(store, TEXT, source="Pasted text", settings=settings,
                        owner_chat_id=ALICE)
    bob = ingest_text(store, TEXT, source="Pasted text", settings=settings, owner_chat_id=BOB)
    assert bob.outcome is AddOutcome.ADDED
    assert bob.article_id != alice.article_id
    bob_article = store.get_article(bob.article_id or 0)
    assert bob_article is not None
    assert bob_article.owner_chat_id == BOB
    again = ingest_text(store, TEXT, source="Pasted text", settings=settings, owner_chat_id=BOB)
    assert (again.outcome, again.original_id) == (AddOutcome.DUPLICATE, bob.article_id)
    [public] = ingest_drafts(store, [_public()], settings)
    assert public.original_id == alice.article_id
    assert _searched(store, "walrus") == [alice.article_id]


def test_private_text_never_updates_an_article_by_identity(
    store: Store, settings: Settings
) -> None:
    news = ArticleDraft(title="T", text="The post as the channel wrote it.", source="chan",
                        canonical_url="https://t.me/chan/7")
    [public] = ingest_drafts(store, [news], settings)
    private = ingest_text(store, "T\nMy own notes about it.", source="chan", settings=settings,
                          url="https://t.me/chan/7", owner_chat_id=ALICE)
    assert private.outcome is AddOutcome.ADDED
    article = store.get_article(public.article_id or 0)
    assert article is not None
    assert article.text == "The post as the channel wrote it."
