"""Short one-message lists: the topics and the commands.

Both are single messages by design; `first_message` keeps them within Telegram's limit
whatever the topic file contains.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.render.html import bold, code, escape, shorten
from bot.render.split import first_message
from digests.i18n import ENGLISH, Translator
from digests.models import Topic

MAX_DESCRIPTION_CHARS = 200


def topic_block(topic: Topic, language: str | None = None) -> str:
    """One topic: its title, the command that shows its digest, and its description.

    Title and description are in `language` (the interface's) when the topic file has them.
    """
    title = shorten(topic.title_in(language), 100) or topic.name
    line = f"• {bold(title)} — {code(f'/digest {topic.name}')}"
    if description := topic.description_in(language):
        line += f"\n{escape(shorten(description, MAX_DESCRIPTION_CHARS))}"
    return line


def render_topics(topics: Sequence[Topic], *, t: Translator = ENGLISH) -> str:
    """List the topics with the command for each; say so when there are none."""
    if not topics:
        return escape(t.gettext("No topics are configured yet."))
    blocks = [topic_block(topic, t.language) for topic in topics]
    return first_message([bold(t.gettext("Topics")), *blocks])


def render_help(commands: Sequence[tuple[str, str]], *, t: Translator = ENGLISH) -> str:
    """List commands as "/name — description", from the same list as the command menu.

    Args:
        commands: `(name, description)` pairs, names without the slash; descriptions are
            English msgids, translated here.
        t: the chat's translator.
    """
    lines = [f"/{escape(name)} — {escape(t.gettext(description))}"
             for name, description in commands]
    return first_message([bold(t.gettext("What I can do")), "\n".join(lines)])
