"""A whole article as Telegram HTML messages, with its full attribution.

This is the one place the corpus' long attribution string is shown in full; summaries and
digests carry the short credit line. Send with link previews disabled.
"""

from __future__ import annotations

import re
from datetime import UTC, tzinfo

from bot.render.credit import credit_line
from bot.render.html import escape, italic
from bot.render.split import split_html
from bot.render.summary import title_html
from digests.i18n import ENGLISH, Translator
from digests.models import Article

_PARAGRAPH_RE = re.compile(r"\n\s*\n")


def render_article(article: Article, *, tz: tzinfo = UTC,
                   t: Translator = ENGLISH) -> list[str]:
    """Render title, credit line, the text paragraph by paragraph, and the attribution.

    Each paragraph is a block, so long articles are split between paragraphs.
    """
    blocks = [f"{title_html(article, t=t)}\n{credit_line(article, tz=tz, t=t)}"]
    blocks.extend(escape(p.strip()) for p in _PARAGRAPH_RE.split(article.text))
    if article.attribution:
        blocks.append(italic(article.attribution))
    blocks.append(italic(t.gettext("Article {id}", id=article.id)))
    return split_html(blocks)
