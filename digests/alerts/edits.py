"""Stage 6 of the alert tick: edit a sent alert to show the story's new sources.

At most `Settings.alert_max_edits` edits per alert, each taken by compare-and-set on the
row's edit count (two workers never both edit), and always ``editMessageText``: an edit
never sends a new message. Mute this story spends the budget at once.
"""

from __future__ import annotations

import asyncio
import logging

from digests.alerts.outcomes import Editor
from digests.alerts.stories import StoryComposer
from digests.models.subscriptions import Status
from digests.ops.logformat import event_fields
from digests.ops.metrics import NULL_METRICS, Metrics
from digests.store.alerts import AlertLedger
from digests.store.subscriptions import SubscriptionRepository
from digests.subscriptions.outcomes import Outcome

log = logging.getLogger(__name__)

class AlertEdits:
    """Edits sent alerts within their budget."""

    def __init__(self, subscriptions: SubscriptionRepository, ledger: AlertLedger,
                 editor: Editor, composer: StoryComposer, max_edits: int, *,
                 metrics: Metrics = NULL_METRICS) -> None:
        self.subscriptions = subscriptions
        self.metrics = metrics
        self.ledger = ledger
        self.editor = editor
        self.composer = composer
        self.max_edits = max_edits

    async def edit(self, row_id: int) -> str:
        """Edit a sent alert to show the story's new sources, within the edit budget."""
        row = await asyncio.to_thread(self.ledger.get, row_id)
        if (row is None or row.status != Status.SENT or row.message_id is None
                or row.message_chat_id is None or row.rendered is None):
            return "edit-not-sent"
        if row.edits >= self.max_edits or len(row.sources) <= row.sources_shown:
            return "edit-silent"
        sub = await asyncio.to_thread(self.subscriptions.get, row.subscription_id)
        if sub is None:
            return "edit-gone"
        lead = row.rendered.get("lead")
        rendered, _, shown = await asyncio.to_thread(
            self.composer.alert, sub, row, int(str(lead)) if lead is not None else None)
        if not await asyncio.to_thread(self.ledger.begin_edit, row, shown):
            return "edit-taken"
        outcome = await self.editor.edit_part(row.message_chat_id, row.message_id,
                                              rendered.parts[0], markup=rendered.markup)
        edited = "edited" if outcome == Outcome.SENT else f"edit-{outcome}"
        log.info("alert %s", edited, extra=event_fields(
            chat=row.message_chat_id, subscription=sub.id, story=row.period_key, outcome=edited))
        if outcome != Outcome.SENT:
            return edited
        self.metrics.alert_edited()
        return edited

    def mute(self, delivery_id: int, chat_id: int) -> bool:
        """No more edits for this alert, if it was sent to ``chat_id``."""
        return mute_story(self.ledger, delivery_id, chat_id, self.max_edits)


def mute_story(ledger: AlertLedger, delivery_id: int, chat_id: int, max_edits: int) -> bool:
    """Spend an alert's edit budget at once (Mute this story), if it was sent to ``chat_id``.

    Only the chat the alert went to may mute it: a button's id pasted into another chat
    changes nothing.
    """
    row = ledger.get(delivery_id)
    if row is None or row.message_chat_id != chat_id:
        return False
    ledger.silence(row.id, max(max_edits, row.edits))
    return True
