"""A real python-telegram-bot Application polling the local server."""

from telegram import Update
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes

from bot.botapi import BotApiServer


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_html("<b>Welcome</b> to the digest &amp; more")


async def test_application_answers_start_over_long_polling(server: BotApiServer) -> None:
    application = ApplicationBuilder().token(server.token).base_url(server.base_url).build()
    application.add_handler(CommandHandler("start", start))
    alice = server.add_user("Alice", "alice")
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0, timeout=10)
        server.send_text(alice, alice, "/start")
        [reply] = await server.wait_for_messages(alice.id, timeout=10)
        await application.updater.stop()
        await application.stop()
    assert reply.text == "Welcome to the digest & more"
    assert reply.entities == [{"type": "bold", "offset": 0, "length": 7}]
    assert {r.method for r in server.requests} >= {"getMe", "deleteWebhook", "getUpdates"}
    assert not server.errors()
