"""Alerts, round-ups and the alert list as Telegram HTML.

Every value is escaped (titles, sources, summaries, queries); each alert is one message:
the summary keeps as many sentences as fit in `ALERT_BUDGET` visible characters, and the
"also reported by" line names at most `MAX_ALSO` sources, so an edit never outgrows it.
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.render.credit import source_name
from bot.render.deeplink import article_payload
from bot.render.html import bold, escape, is_http_url, italic, link, shorten
from bot.render.keyboards import share_button
from bot.render.split import split_html
from bot.render.summary import title_html
from digests.alerts.addendum import Addendum
from digests.alerts.outcomes import RoundupItem
from digests.i18n import ENGLISH, Translator
from digests.models import Article, Summary
from digests.models.subscriptions import Subscription
from digests.subscriptions.outcomes import Rendered

ALERT_BUDGET = 2500
MAX_ALSO = 8
MAX_SOURCE_CHARS = 60
MAX_ROUNDUP_ITEMS = 20
MAX_LABEL_CHARS = 60
MUTE_PREFIX = "am:"


def mute_data(delivery_id: int) -> str:
    """The Mute-this-story button's callback data (well under 64 bytes)."""
    return f"{MUTE_PREFIX}{delivery_id}"


def decode_mute(data: str) -> int | None:
    """The alert row a Mute button names, or None for anything else."""
    if not data.startswith(MUTE_PREFIX):
        return None
    digits = data[len(MUTE_PREFIX):]
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) < 12 else None


def also_line(also: Sequence[str], t: Translator) -> str:
    """The "Also reported by A, B and 3 more" line, escaped; empty when nobody else did."""
    if not also:
        return ""
    names = ", ".join(escape(shorten(source_name(n, t), MAX_SOURCE_CHARS))
                      for n in also[:MAX_ALSO])
    more = len(also) - MAX_ALSO
    if more > 0:
        names += " " + escape(t.ngettext("and {count} more", "and {count} more", more))
    return italic(t.gettext("Also reported by:")) + " " + names


def render_alert(sub: Subscription, lead: Article, summary: Summary, also: Sequence[str],
                 delivery_id: int, *, bot_username: str | None,
                 t: Translator = ENGLISH) -> Rendered:
    """One alert: label, headline, summary, source and link, other sources, buttons."""
    label = escape(shorten(sub.label, MAX_LABEL_CHARS))
    head = bold(t.gettext("Alert"))  # outside the f-string, where the extractor reads it
    lines = [f"🚨 {head} · {label}", title_html(lead, t=t)]
    used = sum(len(line) for line in lines)
    for sentence in summary.sentences:
        bullet = f"• {escape(' '.join(sentence.split()))}"
        if used + len(bullet) > ALERT_BUDGET:
            break
        lines.append(bullet)
        used += len(bullet)
    lines.append(escape(shorten(source_name(lead.source, t), MAX_SOURCE_CHARS))
                 + (" · " + link(t.gettext("link"), lead.url) if is_http_url(lead.url) else ""))
    tail = also_line(also, t)
    if tail:
        lines.append(tail)
    row = [share_button(article_payload(lead.id), t=t)]
    if is_http_url(lead.url):
        row.append(InlineKeyboardButton("📄 " + t.gettext("Full article"), url=lead.url))
    elif bot_username:
        row.append(InlineKeyboardButton(
            "📄 " + t.gettext("Full article"),
            url=f"https://t.me/{bot_username}?start={article_payload(lead.id)}"))
    mute = [InlineKeyboardButton("🔕 " + t.gettext("Mute this story"),
                                 callback_data=mute_data(delivery_id))]
    return Rendered(("\n".join(lines),), InlineKeyboardMarkup([row, mute]).to_dict())


def render_roundup(sub: Subscription, items: Sequence[RoundupItem], *, spilled: bool,
                   t: Translator = ENGLISH) -> Rendered:
    """Stories held in quiet hours (or over the daily cap), one line each."""
    label = escape(shorten(sub.label, MAX_LABEL_CHARS))
    head = (t.gettext("Over today's alert limit") if spilled
            else t.gettext("While you were in quiet hours"))
    lines = [f"🗞 {bold(head)} · {label}"]
    for item in items[:MAX_ROUNDUP_ITEMS]:
        source = escape(shorten(source_name(item.lead.source, t), MAX_SOURCE_CHARS))
        others = f" (+{len(item.also)})" if item.also else ""
        lines.append(f"• {title_html(item.lead, t=t)} — {source}{others}")
    more = len(items) - MAX_ROUNDUP_ITEMS
    if more > 0:
        lines.append(italic(t.ngettext("and {count} more", "and {count} more", more)))
    return Rendered(("\n".join(lines),))


def _story_line(lead: Article, label: str, own_label: str, tail: str, t: Translator) -> str:
    """One story of a digest's alert section; named by its alert when that differs."""
    source = escape(shorten(source_name(lead.source, t), MAX_SOURCE_CHARS))
    named = "" if label.casefold() == own_label.casefold() else (
        f" [{escape(shorten(label, MAX_LABEL_CHARS))}]")
    return f"• {title_html(lead, t=t)} — {source}{tail}{named}"


def addendum_blocks(addendum: Addendum, *, t: Translator = ENGLISH) -> list[str]:
    """The alert section of a digest: stories over the cap, then those still developing."""
    own = addendum.subscription.label
    blocks = []
    if addendum.over_cap:
        lines = ["🔔 " + bold(t.gettext("Also today, over your alert limit"))]
        for label, item in addendum.over_cap[:MAX_ROUNDUP_ITEMS]:
            tail = f" (+{len(item.also)})" if item.also else ""
            lines.append(_story_line(item.lead, label, own, tail, t))
        more = len(addendum.over_cap) - MAX_ROUNDUP_ITEMS
        if more > 0:
            lines.append(italic(t.ngettext("and {count} more", "and {count} more", more)))
        blocks.append("\n".join(lines))
    if addendum.developing:
        lines = ["📈 " + bold(t.gettext("Developing since your alert"))]
        for label, grown in addendum.developing[:MAX_ROUNDUP_ITEMS]:
            tail = " · " + italic(t.ngettext("developing: {count} source",
                                             "developing: {count} sources", grown.sources))
            lines.append(_story_line(grown.lead, label, own, tail, t))
        blocks.append("\n".join(lines))
    return blocks


def attach_addendum(addendum: Addendum, rendered: Rendered, *,
                    t: Translator = ENGLISH) -> Rendered:
    """A digest's messages with its alert section after the stories.

    The section joins the digest's last message when it fits (else one more follows), and
    the digest's keyboard stays on the last one.
    """
    tail = split_html([*rendered.parts[-1:], *addendum_blocks(addendum, t=t)])
    return Rendered((*rendered.parts[:-1], *tail), rendered.markup)


def render_alerts(alerts: Sequence[Subscription], *, t: Translator = ENGLISH) -> str:
    """``/alerts``: each alert with its quiet hours and cap."""
    if not alerts:
        return escape(t.gettext("No alerts here. Add one with /alert <topic | query>."))
    lines = [bold(t.gettext("Alerts in this chat"))]
    for sub in alerts:
        parts = [escape(shorten(sub.label, MAX_LABEL_CHARS))]
        if sub.quiet_hours:
            parts.append(escape(t.gettext("quiet {span}", span=sub.quiet_hours)))
        if sub.max_per_day:
            parts.append(escape(t.gettext("max {count}/day", count=sub.max_per_day)))
        if sub.paused:
            parts.append(escape(t.gettext("paused")))
        lines.append("• " + " · ".join(parts))
    return "\n".join(lines)


def alerts_keyboard(alerts: Sequence[Subscription], *,
                    t: Translator = ENGLISH) -> InlineKeyboardMarkup | None:
    """One Remove button per alert (for ``/alerts`` and ``/subscriptions``)."""
    if not alerts:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(
        "🗑 " + t.gettext("Remove alert: {label}", label=shorten(sub.label, 30)),
        callback_data=f"ar:{sub.id}")] for sub in alerts[:20]])
