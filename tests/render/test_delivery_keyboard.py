"""A pushed digest's buttons speak the chat's language, as its text does."""

from __future__ import annotations

from datetime import UTC

from bot.render.subscriptions import DeliveryPieces, render_delivery
from digests.i18n import translator
from digests.models import Story
from digests.models.subscriptions import Subscription
from tests.render.conftest import make_article, make_digest, make_summary


def _buttons(pieces: list[str]) -> list[str]:
    assert isinstance(pieces, DeliveryPieces)
    assert pieces.keyboard is not None
    return [button.text for row in pieces.keyboard.inline_keyboard for button in row]


def test_a_russian_chats_pushed_digest_has_russian_buttons() -> None:
    story = Story(lead=make_article(), summary=make_summary(), others=())
    digest = make_digest(stories=(story,))
    sub = Subscription(1, 100, digest.query, topic="russia-china")
    pieces = render_delivery(digest, sub, UTC, "newsdigest_bot", t=translator("ru"))
    assert _buttons(pieces) == ["↗️ Поделиться", "🤖 Открыть в боте"]
    english = render_delivery(digest, sub, UTC, "newsdigest_bot")
    assert _buttons(english) == ["↗️ Share", "🤖 Open in the bot"]
