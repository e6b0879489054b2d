"""The query language of topics and searches, parsed into a small AST.

Users write `russia china`, `"joint statement" OR summit`, `(putin OR kremlin) AND NOT ukraine`,
`росси*`. Every user word is only ever a word: punctuation inside a word (`AT&T`,
`covid-19`) turns it into a phrase of its parts, and nothing the user types reaches a
search engine's own syntax. Each store backend compiles this AST to its dialect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digests.cjk import cjk_chars
from digests.i18n import N_, Explained

WORD_RE = re.compile(r"\w+", re.UNICODE)
_TOKEN_RE = re.compile(
    r"""
    (?P<phrase>"[^"]*"?)          # quoted phrase; a missing closing quote ends at the end
  | (?P<lparen>\()
  | (?P<rparen>\))
  | (?P<minus>-(?=[\w"(]))        # -word means NOT word
  | (?P<word>[^\s()"]+)
    """,
    re.VERBOSE | re.UNICODE,
)
_OPERATORS = {"AND", "OR", "NOT"}
MAX_QUERY_CHARS = 1000
MAX_TERMS = 64
MAX_DEPTH = 32  # nested parentheses and NOTs; the parser and the SQL compilers recurse per level


class QueryError(Explained, ValueError):
    """The query has no searchable words (or too many, or nests too deep)."""


@dataclass(frozen=True, slots=True)
class Term:
    """One word; `prefix` matches every word that starts with it (`росси*`)."""

    word: str
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words that must appear next to each other, in order."""

    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class And:
    """All of the parts."""

    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    """Any of the parts."""

    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    """Excludes what the part matches; only meaningful inside an `And`."""

    part: Node


Node = Term | Phrase | And | Or | Not


def _word_node(raw: str) -> Node | None:
    prefix = raw.endswith("*")
    words = _words(raw)
    if not words:
        return None
    if len(words) == 1:
        return Term(words[0], prefix=prefix and len(words[0]) >= 2)
    return Phrase(tuple(words))


class _Parser:
    """Recursive descent: or_expr := and_expr (OR and_expr)*; and_expr := unary+.

    Each level of parentheses or NOT costs a few Python frames here and more when a store
    compiles the tree, so nesting deeper than `MAX_DEPTH` is refused with a `QueryError`
    before it can reach Python's recursion limit (330 "(" did).
    """

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse_or(self) -> Node | None:
        parts = [p for p in [self.parse_and()] if p is not None]
        while (tok := self.peek()) is not None and tok == ("op", "OR"):
            self.take()
            part = self.parse_and()
            if part is not None:
                parts.append(part)
        return _combine(Or, parts)

    def parse_and(self) -> Node | None:
        parts: list[Node] = []
        while (tok := self.peek()) is not None and tok != ("op", "OR") and tok[0] != "rparen":
            if tok == ("op", "AND"):
                self.take()
                continue
            part = self.parse_unary()
            if part is not None:
                parts.append(part)
        return _combine(And, parts)

    def parse_unary(self) -> Node | None:
        kind, value = self.take()
        if kind in ("not", "lparen"):
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QueryError(N_("the query nests parentheses or NOT more than "
                                    "{limit} levels deep"), limit=MAX_DEPTH)
            try:
                return self._parse_nested(kind)
            finally:
                self.depth -= 1
        if kind == "phrase":
            words = tuple(_words(value))
            if not words:
                return None
            return Term(words[0]) if len(words) == 1 else Phrase(words)
        return _word_node(value)

    def _parse_nested(self, kind: str) -> Node | None:
        if kind == "not":
            if self.peek() is None:
                return None
            inner = self.parse_unary()
            return Not(inner) if inner is not None else None
        if kind == "lparen":
            inner = self.parse_or()
            if (tok := self.peek()) is not None and tok[0] == "rparen":
                self.take()
        return inner


def _words(raw: str) -> list[str]:
    """Lower-cased words of a raw token; CJK runs become one word per character."""
    return [part.lower() for word in WORD_RE.findall(raw) for part in cjk_chars(word)]


def _combine(kind: type[And] | type[Or], parts: list[Node]) -> Node | None:
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    flat: list[Node] = []
    for part in parts:
        flat.extend(part.parts if isinstance(part, kind) else [part])
    return kind(tuple(flat))


def _tokenize(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    depth = 0
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup or "word"
        value = match.group()
        if kind == "word" and value in _OPERATORS:
            tokens.append(("not", value) if value == "NOT" else ("op", value))
        elif kind == "minus":
            tokens.append(("not", "-"))
        elif kind == "lparen":
            depth += 1
            tokens.append((kind, value))
        elif kind == "rparen":
            if depth == 0:
                continue  # an unbalanced ")" is just punctuation
            depth -= 1
            tokens.append((kind, value))
        else:
            tokens.append((kind, value))
    return tokens


def parse_query(text: str) -> Node:
    """Parse a user or topic query; raise `QueryError` when nothing searchable is left.

    The parser never fails on syntax: unbalanced quotes and parentheses are closed,
    stray operators are dropped, and a query made only of exclusions is rejected since
    it would match almost everything.
    """
    text = text[:MAX_QUERY_CHARS]
    node = _Parser(_tokenize(text)).parse_or()
    if node is None or not positive_terms(node):
        raise QueryError(N_("the query has no words to search for"))
    if len(terms(node)) > MAX_TERMS:
        raise QueryError(N_("the query has more than {limit} words"), limit=MAX_TERMS)
    return node


def terms(node: Node) -> list[str]:
    """Every word in the query, positive or negated, in order."""
    if isinstance(node, Term):
        return [node.word]
    if isinstance(node, Phrase):
        return list(node.words)
    if isinstance(node, Not):
        return terms(node.part)
    return [w for part in node.parts for w in terms(part)]


def positive_terms(node: Node) -> list[str]:
    """Words the matching articles should contain (not under a `Not`); used for highlighting."""
    if isinstance(node, Term):
        return [node.word]
    if isinstance(node, Phrase):
        return list(node.words)
    if isinstance(node, Not):
        return []
    return [w for part in node.parts for w in positive_terms(part)]


def to_text(node: Node) -> str:
    """Render the AST back to canonical query text (for logs, cache keys and display)."""
    if isinstance(node, Term):
        return node.word + ("*" if node.prefix else "")
    if isinstance(node, Phrase):
        return '"' + " ".join(node.words) + '"'
    if isinstance(node, Not):
        return "NOT " + to_text(node.part)
    joiner = " AND " if isinstance(node, And) else " OR "
    return "(" + joiner.join(to_text(p) for p in node.parts) + ")"
