"""One page of search results as a single Telegram HTML message.

Paging is done with buttons (`bot.render.keyboards.search_keyboard`), so a page is always
one message; titles and the echoed query are shortened so a page fits. Send with link
previews disabled.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, tzinfo

from bot.render.credit import credit_line
from bot.render.html import bold, code, escape, link, shorten, translated_html
from bot.render.split import first_message
from digests.i18n import ENGLISH, Translator
from digests.language import ALL_LANGUAGES, language_tag
from digests.models import SearchHit
from digests.snippets import Snippet, find_snippet

MAX_TITLE_CHARS = 200
MAX_QUERY_CHARS = 200


def render_snippet(snippet: Snippet) -> str:
    """The matched words in context as HTML: escaped, matches bold, cuts marked with "…"."""
    body = "".join(bold(text) if matched else escape(text) for text, matched in snippet.segments)
    return ("…" if snippet.cut_before else "") + body + ("…" if snippet.cut_after else "")


def hit_block(hit: SearchHit, number: int, tz: tzinfo = UTC, *, t: Translator = ENGLISH,
              language: str | None = None, terms: Sequence[str] = ()) -> str:
    """One result: numbered title link, the matched words in context, credit line, command.

    A result not in the chat's `language` is tagged with its own ("RU").
    """
    article = hit.article
    title = link(shorten(article.title, MAX_TITLE_CHARS) or t.gettext("Untitled"), article.url)
    tag = language_tag(article.language, language or t.language)
    mark = f" {code(tag)}" if tag else ""
    snippet = find_snippet(article.text, terms) if terms else None
    context = f"\n{render_snippet(snippet)}" if snippet is not None else ""
    return (f"{number}. {title}{mark}{context}\n{credit_line(article, tz=tz, t=t)} · "
            f"{code(f'/article {article.id}')}")


def render_search(
    hits: Sequence[SearchHit], query: str, page: int, total_pages: int, *, tz: tzinfo = UTC,
    t: Translator = ENGLISH, language: str | None = None, terms: Sequence[str] = (),
) -> str:
    """Render one page of results for `query`, numbered within the page.

    Returns:
        One message of at most 4096 visible characters.
    """
    shown = code(shorten(query, MAX_QUERY_CHARS))
    if not hits:
        return translated_html(t, "Nothing found for {query}. Try fewer or different words.",
                               query=shown)
    heading = bold("🔎 " + t.gettext("Results for")) + f" {shown}"
    if total_pages > 1:
        heading += escape(" · " + t.gettext("page {page} of {total}", page=page,
                                            total=total_pages))
    tags = None if language == ALL_LANGUAGES else language
    blocks = [heading, *(hit_block(hit, i, tz, t=t, language=tags, terms=terms)
                         for i, hit in enumerate(hits, start=1))]
    return first_message(blocks)
