"""Boilerplate rules: lines that belong to the page, not to the story.

Republishing notices, "Read the original article", author bios, bylines and share
prompts would otherwise be picked by extractive summarizers (they are short,
self-contained sentences full of proper nouns). They are cut from the text here, once,
so no later stage has to know about them, and the ones that carry credit (republishing
notice, byline, bio) are handed back so they can be kept as attribution metadata.

Every rule is one regular expression matched against a whole paragraph. Rules that could
hit real prose (a sentence "X is a professor at ...") only apply near the start or end of
the text, where such lines live.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

_NAME = r"[A-Z][\w'’.-]+(?: (?:[A-Z][\w'’.-]+|de|van|von|da|bin))*"
_ROLE = (r"(?:Professor|Lecturer|Reader|Fellow|Researcher|Director|Editor|Correspondent|"
         r"Reporter|Journalist|Chair|Dean|Scientist|Student|Candidate|Analyst|Economist|"
         r"Historian|Teacher|Author|Writer|Columnist)")


class Zone(enum.Enum):
    """Where in the text a rule may match."""

    ANYWHERE = "anywhere"
    HEAD = "head"
    TAIL = "tail"


@dataclass(frozen=True, slots=True)
class Rule:
    """One boilerplate pattern; `keep` rules are credit lines worth keeping as metadata."""

    name: str
    pattern: re.Pattern[str]
    zone: Zone
    keep: bool


def _rule(name: str, pattern: str, zone: Zone, *, keep: bool) -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), zone, keep)


RULES: tuple[Rule, ...] = (
    _rule("republished",
          r"This (?:article|story|piece) (?:was|is|has been) (?:re-?published|reproduced) "
          r"(?:from|with permission from) .{1,160}?(?:Creative Commons licen[cs]e|permission)"
          r"\.?(?:\s*Read the original (?:article|story|version)\.?)?",
          Zone.ANYWHERE, keep=True),
    _rule("read-original", r"Read the original (?:article|story|version)(?: here)?\.?",
          Zone.ANYWHERE, keep=True),
    _rule("share",
          r"(?:Share (?:this|the) (?:article|story|post|page)|Share on \w+|Follow us on .{1,80}"
          r"|(?:Subscribe|Sign up) (?:to|for) our newsletter.{0,80}|Like us on \w+"
          r"|Tweet this|Print this (?:article|page)|Email this (?:article|story))[.!:]?",
          Zone.ANYWHERE, keep=False),
    _rule("byline", rf"By {_NAME}(?:(?:,| and) {_NAME})*(?:,? [^.]{{0,60}})?", Zone.HEAD,
          keep=True),
    _rule("author-bio",
          rf"{_NAME} (?:is|was|are) (?:an? |the )?[^.]{{0,160}}\b{_ROLE}\b[^.]{{0,160}}\.?",
          Zone.TAIL, keep=True),
    _rule("disclosure",
          r".{1,120} (?:does|do) not work for, consult, own shares in or receive funding from .*",
          Zone.TAIL, keep=True),
)

_HEAD_PARAGRAPHS = 2
_TAIL_PARAGRAPHS = 4
_MAX_BOILERPLATE_CHARS = 400


@dataclass(frozen=True, slots=True)
class Stripped:
    """The text without boilerplate, and the removed credit lines by rule name."""

    text: str
    kept: tuple[tuple[str, str], ...] = ()
    dropped: int = 0

    def lines(self, rule: str) -> list[str]:
        """The kept lines that matched `rule` (e.g. "author-bio"), in text order."""
        return [line for name, line in self.kept if name == rule]


def _match(paragraph: str, index: int, count: int) -> Rule | None:
    if len(paragraph) > _MAX_BOILERPLATE_CHARS:
        return None
    for rule in RULES:
        if rule.zone is Zone.HEAD and index >= _HEAD_PARAGRAPHS:
            continue
        if rule.zone is Zone.TAIL and index < count - _TAIL_PARAGRAPHS:
            continue
        if rule.pattern.fullmatch(paragraph):
            return rule
    return None


def strip_boilerplate(text: str) -> Stripped:
    """Remove boilerplate paragraphs from normalized text (paragraphs split by blank lines).

    A text made only of boilerplate comes back empty, and is then rejected as empty
    rather than stored as an article consisting of a share prompt.
    """
    paragraphs = text.split("\n\n")
    body: list[str] = []
    kept: list[tuple[str, str]] = []
    dropped = 0
    for index, paragraph in enumerate(paragraphs):
        rule = _match(paragraph.strip(), index, len(paragraphs))
        if rule is None:
            body.append(paragraph)
        elif rule.keep:
            kept.append((rule.name, paragraph.strip()))
        else:
            dropped += 1
    return Stripped("\n\n".join(body), tuple(kept), dropped)
