"""Pruning exclusions that no full-text engine can evaluate on their own."""

from __future__ import annotations

from digests.query import And, Not, Or, Phrase, Term
from digests.store.plan import prune, split_and


def test_words_and_phrases_are_kept() -> None:
    assert prune(Term("a")) == Term("a")
    assert prune(Phrase(("a", "b"))) == Phrase(("a", "b"))


def test_bare_and_or_level_exclusions_are_dropped() -> None:
    assert prune(Not(Term("a"))) is None
    assert prune(Or((Term("a"), Not(Term("b"))))) == Term("a")
    assert prune(Or((Not(Term("a")), Not(Term("b"))))) is None


def test_exclusions_inside_and_are_kept() -> None:
    node = And((Term("a"), Not(Term("b"))))
    assert prune(node) == node
    assert prune(And((Not(Term("a")), Not(Term("b"))))) is None
    nested = And((Term("a"), Not(Or((Term("b"), Not(Term("c")))))))
    assert prune(nested) == And((Term("a"), Not(Term("b"))))


def test_split_and() -> None:
    split = split_and(And((Term("a"), Not(Term("b")), Term("c"))))
    assert split is not None
    assert split.include == (Term("a"), Term("c"))
    assert split.exclude == (Term("b"),)
