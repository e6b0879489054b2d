"""Two alerted stories that later merge, and every path into the inbox (both backends)."""

from __future__ import annotations

from digests.store.alerts import story_key
from tests.alerts.conftest import AlertRig
from tests.alerts.test_service import QUAKE, QUAKE_2

FLOODS = ("Heavy rain caused floods in Valencia, Spain, on Monday. Rivers burst their banks "
          "and roads were closed around Valencia as the rain continued, emergency services "
          "said.")
BRIDGE = ("A strong earthquake struck the coast of Chile near Valparaiso on Monday, officials "
          "said, while heavy rain caused floods in Valencia, Spain. Rivers burst their banks "
          "and roads were closed; the magnitude 7.1 earthquake shook buildings in Santiago and "
          "Valparaiso.")


async def test_two_alerted_stories_that_merge_stay_two_messages_and_edit_one(
        arig: AlertRig) -> None:
    sub = arig.alert(100, "earthquake OR floods")
    arig.clock.advance(minutes=1)
    quake = arig.report("Earthquake strikes Chile", QUAKE, "Wire A")
    service = arig.service()
    await service.run_once()
    arig.clock.advance(minutes=1)
    floods = arig.report("Floods in Valencia", FLOODS, "Paper B")
    await service.run_once()
    assert len(arig.sender.sent) == 2  # two stories, two alerts
    arig.clock.advance(minutes=1)
    arig.report("Earthquake in Chile, floods in Valencia", BRIDGE, "Radio C")
    report = await service.run_once()
    assert len(arig.sender.sent) == 2  # the merge sends nothing new
    assert report["edited"] == 1  # one edit: the older alert takes the merged story
    assert [m for _, m, _ in arig.editor.edits] == [1]
    arig.clock.advance(minutes=1)
    arig.report("Chile hit by 7.1 earthquake", QUAKE_2, "Daily D")
    await service.run_once()
    assert len(arig.sender.sent) == 2
    assert {m for _, m, _ in arig.editor.edits} == {1}  # the newer alert stays as sent
    rows = {r.period_key: r for r in arig.ledger.for_subscription(sub.id)}
    assert set(rows) == {story_key(quake), story_key(floods)}
    assert [e["source"] for e in rows[story_key(floods)].sources] == ["Paper B"]
    assert rows[story_key(quake)].edits <= 2


async def test_a_private_text_published_as_news_enters_the_inbox(arig: AlertRig) -> None:
    arig.alert(100, "earthquake")
    arig.clock.advance(minutes=1)
    pasted = arig.news.ingest_text(QUAKE, source="pasted", title="Earthquake strikes Chile",
                                   owner_chat_id=555)
    assert arig.ledger.take_inbox(10) == []  # private: no alert, nobody else's news
    await arig.service().run_once()
    assert arig.sender.sent == []
    public = arig.news.ingest_text(QUAKE, source="Wire A", title="Earthquake strikes Chile")
    assert public.original_id == pasted.article_id  # the same text, now public news
    assert arig.ledger.take_inbox(10) == [pasted.article_id]
    await arig.service().run_once()
    assert [c for c, _, _ in arig.sender.sent] == [100]
    assert arig.sender.sent[0][2].startswith("ALERT Earthquake strikes Chile")
