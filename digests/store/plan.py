"""Shared shaping of a query AST before a backend compiles it.

Full-text engines can only subtract: FTS5 has a binary `a NOT b` and no way to say "every
document without b". So an exclusion is kept only where it sits directly in an `And`
that also has something positive to subtract from; a lone exclusion inside an `Or`
(`a OR NOT b`) is dropped on every backend, so both backends answer the same query the
same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from digests.query import And, Node, Not, Or, Phrase, Term


@dataclass(frozen=True, slots=True)
class Subtract:
    """What a backend compiles for an `And`: all of `include`, none of `exclude`."""

    include: tuple[Node, ...]
    exclude: tuple[Node, ...]


def prune(node: Node) -> Node | None:
    """Return the query without the exclusions no engine can evaluate, or None if empty."""
    if isinstance(node, Term | Phrase):
        return node
    if isinstance(node, Not):
        return None
    if isinstance(node, Or):
        parts = [p for p in (prune(part) for part in node.parts) if p is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Or(tuple(parts))
    split = split_and(node)
    if split is None:
        return None
    if not split.exclude and len(split.include) == 1:
        return split.include[0]
    return And((*split.include, *(Not(part) for part in split.exclude)))


def split_and(node: And) -> Subtract | None:
    """Separate an `And` into pruned positive parts and pruned excluded parts."""
    include: list[Node] = []
    exclude: list[Node] = []
    for part in node.parts:
        if isinstance(part, Not):
            inner = prune(part.part)
            if inner is not None:
                exclude.append(inner)
        else:
            pruned = prune(part)
            if pruned is not None:
                include.append(pruned)
    if not include:
        return None
    return Subtract(tuple(include), tuple(exclude))
