"""A digest as Telegram HTML messages: header, key points, one block per story.

Each story is its own block, so the splitter starts a new message between stories rather
than inside one whenever it can. The caller sends with `LinkPreviewOptions(is_disabled=True)`,
since a digest carries many links and a preview of the first would be arbitrary.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from bot.render.credit import credit_line, format_date, short_credit, source_name
from bot.render.deeplink import deep_link, topic_payload
from bot.render.html import (
    bold,
    bold_html,
    code,
    escape,
    italic,
    italic_html,
    link,
    shorten,
    translated_html,
)
from bot.render.split import split_html
from bot.render.summary import headline_only_line
from digests.i18n import ENGLISH, Translator
from digests.language import ALL_LANGUAGES, language_tag
from digests.models import Digest, Story
from digests.reports import other_reports

MAX_TITLE_CHARS = 300
MAX_QUERY_CHARS = 200


def window_text(since: datetime, until: datetime, tz: tzinfo = UTC) -> str:
    """Say which days a digest covers, e.g. "2019-01-04 – 2019-01-11"."""
    start, end = format_date(since, tz), format_date(until, tz)
    return start if start == end else f"{start} – {end}"


def header_block(digest: Digest, tz: tzinfo = UTC, *, t: Translator = ENGLISH) -> str:
    """Title, window and counts: what this digest covers and how much was found."""
    counts = [window_text(digest.since, digest.until, tz)]
    counts.append(t.ngettext("{count} story", "{count} stories", len(digest.stories)))
    if digest.total_matches:
        counts.append(t.ngettext("{count} matching article", "{count} matching articles",
                                 digest.total_matches))
    return f"{bold('📰 ' + shorten(digest.title, MAX_TITLE_CHARS))}\n{italic(' · '.join(counts))}"


def key_points_block(points: tuple[str, ...], stories: tuple[int, ...] = (), *,
                     t: Translator = ENGLISH) -> str:
    """The digest's key points as bullets under a bold heading.

    Each is marked "[n]" with the number of the story it comes from, whose block then
    says only the rest.
    """
    marks = [*(f" [{n}]" for n in stories), *[""] * len(points)][: len(points)]
    pairs = zip(points, marks, strict=True)
    bullets = "\n".join(f"• {escape(' '.join(point.split()))}{mark}" for point, mark in pairs)
    heading = bold(t.gettext("Key points"))
    return f"{heading}\n{bullets}"


def story_block(story: Story, number: int, tz: tzinfo = UTC, *, t: Translator = ENGLISH,
                language: str | None = None) -> str:
    """One story: numbered title link, its summary, its credit, who else reported it.

    A story whose lead is not in the chat's `language` (or, when the chat reads all
    languages, not in the interface's) is tagged with its language, e.g. "RU".
    """
    untitled = t.gettext("Untitled")
    title = link(shorten(story.lead.title, MAX_TITLE_CHARS) or untitled, story.lead.url)
    tag = language_tag(story.lead.language, _tag_language(language, t))
    lines = [bold_html(f"{number}. {title}") + (f" {code(tag)}" if tag else "")]
    sentences = _summary_text(story.summary.sentences)
    if _same_words(sentences, story.lead.title):  # a brief whose one sentence is its title
        sentences = ""
    if story.lead.headline_only:  # its summary would only repeat the title
        lines.append(headline_only_line(t))
    elif sentences:
        lines.append(escape(sentences))
    lines.append(credit_line(story.lead, tz=tz, t=t))
    lines.extend(also_reported_lines(story, t))
    return "\n".join(lines)


def also_reported_lines(story: Story, t: Translator = ENGLISH) -> list[str]:
    """Who else reported a story: each other source once, then the lead source's other reports.

    A story folded from five reports of one outlet used to say "Also reported by: X, X, X";
    a reader wants to know which other outlets confirm it, and only how many more reports
    the lead's own outlet has (each still linked, by number).
    """
    reports = other_reports(story)
    lines = []
    if reports.by_source:
        also = ", ".join(short_credit(first, t) + (f" ×{len(rest) + 1}" if rest else "")
                         for _, (first, *rest) in reports.by_source)
        lines.append(italic_html(escape(t.gettext("Also reported by:")) + f" {also}"))
    if same := reports.same_source:
        label = t.ngettext("{count} more report from this source:",
                           "{count} more reports from this source:", len(same))
        numbers = " · ".join(link(str(n), a.url) for n, a in enumerate(same, 1))
        lines.append(italic_html(escape(label)) + f" {numbers}")
    return lines


def more_block(digest: Digest, *, t: Translator = ENGLISH) -> str | None:
    """"+N more from <source>" for each source the balance capped (`digests.balance`)."""
    if not digest.more_from:
        return None
    lines = [t.ngettext("+{count} more from {source}", "+{count} more from {source}",
                        more.stories,
                        source=shorten(source_name(more.source, t), MAX_TITLE_CHARS))
             for more in digest.more_from]
    return "\n".join(italic(line) for line in lines)


QUOTE_OPENERS = ("«", "“", '"', "„", "‘", "'")


def _summary_text(sentences: tuple[str, ...]) -> str:
    """A story's summary as one paragraph, or one line per sentence when it quotes people.

    Attributed quotes («…» — Speaker) run together in a paragraph read as one long quote
    with speakers in the middle; each on its own line reads as what each person said.
    """
    lines = [" ".join(sentence.split()) for sentence in sentences]
    separator = "\n" if any(line.startswith(QUOTE_OPENERS) for line in lines) else " "
    return separator.join(lines)


def _same_words(text: str, title: str) -> bool:
    """Whether a summary only says its title again (case, spacing and final stop aside)."""
    def words(value: str) -> str:
        return " ".join(value.split()).rstrip(".!?…").casefold()
    return bool(text) and words(text) == words(title)


def _tag_language(language: str | None, t: Translator) -> str:
    return t.language if language in (None, ALL_LANGUAGES) else str(language)


def footer_block(digest: Digest, bot_username: str | None, *,
                 t: Translator = ENGLISH) -> str:
    """Generation time and, for a named topic, a deep link that opens it in the bot."""
    moment = f"{digest.generated_at.astimezone(UTC):%Y-%m-%d %H:%M}"
    line = italic(t.gettext("Generated {moment} UTC", moment=moment))
    if bot_username and digest.topic:
        url = deep_link(bot_username, topic_payload(digest.topic))
        line += "\n" + link(t.gettext("Open this topic in the bot"), url)
    return line


def render_digest(digest: Digest, *, bot_username: str | None, tz: tzinfo = UTC,
                  t: Translator = ENGLISH, note: str | None = None) -> list[str]:
    """Render a digest; an empty one says plainly that nothing matched in its window.

    Args:
        digest: the digest to show.
        bot_username: the bot's username, for a deep link back to the topic; None to omit it.
        tz: the zone dates are shown in.
        t: the chat's translator, for the frame around the articles' own text.
        note: one line of HTML under the header (e.g. "nothing new, here are the latest"),
            part of the digest's first message rather than a message (and a notification)
            of its own.

    Returns:
        Messages of at most 4096 visible characters, split between stories where possible;
        send them with link previews disabled.
    """
    blocks = [header_block(digest, tz, t=t)]
    if note:
        blocks[0] += f"\n{note}"
    if digest.is_empty:
        query = code(shorten(digest.query, MAX_QUERY_CHARS))
        blocks.append(translated_html(t, "Nothing new matched {query} in this period.",
                                      query=query))
    else:
        if digest.key_points:
            blocks.append(key_points_block(digest.key_points, digest.key_point_stories, t=t))
        blocks.extend(story_block(s, i, tz, t=t, language=digest.language)
                      for i, s in enumerate(digest.stories, start=1))
        if more := more_block(digest, t=t):
            blocks.append(more)
    blocks.append(footer_block(digest, bot_username, t=t))
    return split_html(blocks)
