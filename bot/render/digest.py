"""A digest as Telegram HTML messages: header, key points, one block per story.

Each story is its own block, so the splitter starts a new message between stories rather
than inside one whenever it can. The caller sends with `LinkPreviewOptions(is_disabled=True)`,
since a digest carries many links and a preview of the first would be arbitrary.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from bot.render.credit import credit_line, format_date, short_credit
from bot.render.deeplink import deep_link, topic_payload
from bot.render.html import bold, bold_html, code, escape, italic, italic_html, link, shorten
from bot.render.split import split_html
from digests.models import Digest, Story

MAX_TITLE_CHARS = 300
MAX_QUERY_CHARS = 200


def window_text(since: datetime, until: datetime, tz: tzinfo = UTC) -> str:
    """Say which days a digest covers, e.g. "2019-01-04 – 2019-01-11"."""
    start, end = format_date(since, tz), format_date(until, tz)
    return start if start == end else f"{start} – {end}"


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def header_block(digest: Digest, tz: tzinfo = UTC) -> str:
    """Title, window and counts: what this digest covers and how much was found."""
    counts = [window_text(digest.since, digest.until, tz)]
    counts.append(_count(len(digest.stories), "story", "stories"))
    if digest.total_matches:
        counts.append(_count(digest.total_matches, "matching article", "matching articles"))
    return f"{bold('📰 ' + shorten(digest.title, MAX_TITLE_CHARS))}\n{italic(' · '.join(counts))}"


def key_points_block(points: tuple[str, ...], stories: tuple[int, ...] = ()) -> str:
    """The digest's key points as bullets under a bold heading.

    Each is marked "[n]" with the number of the story it comes from, whose block then
    says only the rest.
    """
    marks = [*(f" [{n}]" for n in stories), *[""] * len(points)][: len(points)]
    pairs = zip(points, marks, strict=True)
    bullets = "\n".join(f"• {escape(' '.join(point.split()))}{mark}" for point, mark in pairs)
    return f"{bold('Key points')}\n{bullets}"


def story_block(story: Story, number: int, tz: tzinfo = UTC) -> str:
    """One story: numbered title link, its summary, its credit, who else reported it."""
    title = link(shorten(story.lead.title, MAX_TITLE_CHARS) or "Untitled", story.lead.url)
    lines = [bold_html(f"{number}. {title}")]
    sentences = " ".join(" ".join(s.split()) for s in story.summary.sentences)
    if sentences:
        lines.append(escape(sentences))
    lines.append(credit_line(story.lead, tz=tz))
    others = [a for a in story.others if a.source != story.lead.source or a.url != story.lead.url]
    if others:
        also = ", ".join(short_credit(article) for article in others)
        lines.append(italic_html(f"Also reported by: {also}"))
    return "\n".join(lines)


def footer_block(digest: Digest, bot_username: str | None) -> str:
    """Generation time and, for a named topic, a deep link that opens it in the bot."""
    line = italic(f"Generated {digest.generated_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC")
    if bot_username and digest.topic:
        url = deep_link(bot_username, topic_payload(digest.topic))
        line += "\n" + link("Open this topic in the bot", url)
    return line


def render_digest(digest: Digest, *, bot_username: str | None, tz: tzinfo = UTC) -> list[str]:
    """Render a digest; an empty one says plainly that nothing matched in its window.

    Args:
        digest: the digest to show.
        bot_username: the bot's username, for a deep link back to the topic; None to omit it.
        tz: the zone dates are shown in.

    Returns:
        Messages of at most 4096 visible characters, split between stories where possible;
        send them with link previews disabled.
    """
    blocks = [header_block(digest, tz)]
    if digest.is_empty:
        query = code(shorten(digest.query, MAX_QUERY_CHARS))
        blocks.append(f"Nothing new matched {query} in this period.")
    else:
        if digest.key_points:
            blocks.append(key_points_block(digest.key_points, digest.key_point_stories))
        blocks.extend(story_block(s, i, tz) for i, s in enumerate(digest.stories, start=1))
    blocks.append(footer_block(digest, bot_username))
    return split_html(blocks)
