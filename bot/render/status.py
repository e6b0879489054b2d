"""`/status` for the bot's admins: the core's status report as escaped Telegram HTML.

The numbers are `digests.ops.status.read_status`'s, the same as `newsdigest status`;
only the words are the chat's language. Error texts, feed URLs and topics come from
outside (feeds, Telegram, users) and are escaped and shortened like any other value.
"""

from __future__ import annotations

from datetime import datetime

from bot.render.html import bold, code, escape, shorten, translated_html
from bot.render.split import split_html
from digests import reasons
from digests.i18n import ENGLISH, N_, Translator
from digests.ops.status import DeliveryProblem, SourceProblem, StatusReport

ERROR_CHARS = 300
URL_CHARS = 200
TOPIC_CHARS = 60

WORDS = {
    # source health
    "ok": N_("ok"), "failing": N_("failing"), "paused": N_("paused"), "new": N_("new"),
    # delivery statuses (digests and alerts)
    "sending": N_("sending"), "retry": N_("retry"), "sent": N_("sent"), "empty": N_("empty"),
    "skipped": N_("skipped"), "failed": N_("failed"), "undeliverable": N_("undeliverable"),
    "held": N_("held"), "rounded": N_("rounded"), "spilled": N_("spilled"),
    "digested": N_("digested"),
    # subscription kinds
    "digest": N_("digest"), "alert": N_("alert"),
}


def _word(t: Translator, word: str) -> str:
    """A status word in the chat's language; one this version does not know, as it is."""
    return t.gettext(WORDS[word]) if word in WORDS else word


def _counts(t: Translator, counts: dict[str, int], *, translate: bool = True) -> str:
    if not counts:
        return t.gettext("none")
    return " · ".join(f"{_word(t, name) if translate else name} {count}"
                      for name, count in counts.items())


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment is not None else "—"


def _source_line(t: Translator, problem: SourceProblem) -> str:
    return (f"• {escape(_when(problem.at))} {code(shorten(problem.url, URL_CHARS))} "
            f"({escape(_word(t, problem.health))}, "
            + translated_html(t, N_("{failures} in a row"), failures=str(problem.failures))
            + f"): {escape(shorten(reasons.translate(problem.error, t), ERROR_CHARS))}")


def _delivery_line(t: Translator, problem: DeliveryProblem) -> str:
    chat = translated_html(t, N_("chat {chat}"), chat=code(str(problem.chat)))
    attempts = translated_html(t, N_("attempts: {count}"), count=str(problem.attempts))
    return (f"• {escape(_when(problem.at))} {chat} · {escape(_word(t, problem.kind))} "
            f"#{problem.subscription} · {escape(shorten(problem.topic, TOPIC_CHARS))} · "
            f"{escape(problem.period)}: {bold(_word(t, problem.status))} ({attempts}): "
            f"{escape(shorten(reasons.translate(problem.error, t), ERROR_CHARS))}")


def render_status(report: StatusReport, t: Translator = ENGLISH) -> list[str]:
    """The report as messages within Telegram's limit: counts, then the last errors."""
    a, s, hours = report.articles, report.subscriptions, report.window_hours
    lines = [
        bold(t.gettext("Status at {time} UTC", time=_when(report.now))),
        escape(t.gettext("Articles: {total}, in the last {hours} h: {recent}",
                         total=a.total, hours=hours, recent=a.recent)),
        escape(t.gettext("Languages: {counts}", counts=_counts(t, a.by_language,
                                                                translate=False))),
        escape(t.gettext("Sources: {counts}", counts=_counts(t, report.sources))),
        escape(t.gettext("Subscriptions: {active} active, {paused} paused",
                         active=s.digests_active, paused=s.digests_paused)),
        escape(t.gettext("Alerts: {active} active, {paused} paused",
                         active=s.alerts_active, paused=s.alerts_paused)),
        escape(t.gettext("Deliveries in {hours} h: {counts}", hours=hours,
                         counts=_counts(t, report.deliveries))),
        escape(t.gettext("Alert messages in {hours} h: {counts}", hours=hours,
                         counts=_counts(t, report.alerts))),
    ]
    blocks = ["\n".join(lines)]
    if report.source_errors:
        blocks.append("\n".join([bold(t.gettext("Last feed errors")),
                                 *(_source_line(t, p) for p in report.source_errors)]))
    if report.delivery_errors:
        blocks.append("\n".join([bold(t.gettext("Last delivery errors")),
                                 *(_delivery_line(t, p) for p in report.delivery_errors)]))
    if len(blocks) == 1:
        blocks.append(escape(t.gettext("No recent errors.")))
    return split_html(blocks)
