"""The data an alert, an edit or a round-up is rendered from.

A ledger row keeps a story's reports as ``{"id", "source"}`` entries; this reads the
articles back, picks the lead (the first report in the chat's language) and names the other
sources, then hands them to the `AlertRenderer`. No sending and no ledger writes here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from digests.alerts.outcomes import AlertRenderer, RoundupItem
from digests.chatprefs import SummaryPrefs
from digests.language import choose_lead
from digests.models import Article
from digests.models.subscriptions import Delivery, Subscription
from digests.service import NewsService
from digests.subscriptions.outcomes import Rendered


def entry_id(entry: Mapping[str, object]) -> int:
    """The article id of one stored report."""
    value = entry["id"]
    return value if isinstance(value, int) else int(str(value))


def also_reported(articles: Sequence[Article], lead: Article) -> list[str]:
    """The other sources of a story, each once, in the order they reported it."""
    seen = {lead.source}
    names = []
    for article in articles:
        if article.source not in seen:
            seen.add(article.source)
            names.append(article.source)
    return names


def story_articles(news: NewsService, row: Delivery) -> list[Article]:
    """The stored articles of a row's reports, in report order (deleted ones skipped)."""
    ids = [entry_id(e) for e in row.sources]
    found = {a.id: a for a in news.store.get_articles(ids)}
    return [found[i] for i in ids if i in found]


def first_in_language(articles: Sequence[Article], language: str | None) -> Article:
    """The story's lead for a reader: its first report in the chat's language."""
    return choose_lead(articles, lambda a: -a.id, language)


class StoryComposer:
    """Turns ledger rows into rendered alerts and round-ups for one chat's preferences."""

    def __init__(self, news: NewsService, render: AlertRenderer,
                 chat_prefs: Callable[[int], SummaryPrefs]) -> None:
        self.news = news
        self.render = render
        self.chat_prefs = chat_prefs

    def alert(self, sub: Subscription, row: Delivery, lead_id: int | None = None
              ) -> tuple[Rendered, int, int]:
        """The alert as rendered now: its parts, its lead's id and how many reports it shows.

        An edit passes the lead the alert was first sent with, so an edit never changes
        which report the message is about.

        Raises:
            LookupError: the story's articles are gone.
        """
        articles = story_articles(self.news, row)
        if not articles:
            raise LookupError(f"alert row {row.id}: the story's articles are gone")
        prefs = self.chat_prefs(sub.chat_id)
        lead = next((a for a in articles if a.id == lead_id), None) or first_in_language(
            articles, prefs.language)
        summary = self.news.summarize_article(lead, algorithm=prefs.algorithm,
                                              length=prefs.length)
        rendered = self.render.alert(sub, lead, summary, also_reported(articles, lead),
                                     row.id)
        return rendered, lead.id, len(articles)

    def roundup(self, sub: Subscription, rows: Sequence[Delivery], spilled: bool) -> Rendered:
        """Held (or spilled) stories as one message, one line each."""
        language = self.chat_prefs(sub.chat_id).language
        items = []
        for row in rows:
            articles = story_articles(self.news, row)
            if articles:
                lead = first_in_language(articles, language)
                items.append(RoundupItem(lead, tuple(also_reported(articles, lead))))
        return self.render.roundup(sub, items, spilled=spilled)
