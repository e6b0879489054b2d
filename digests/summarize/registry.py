"""Algorithm names -> factories: the one place that says which algorithms exist.

Adding an algorithm is one line in `ALGORITHMS`. Built algorithms are cached per
(name, language), so stemmers and stop-word sets are prepared once per process.
"""

from __future__ import annotations

from functools import lru_cache

from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from digests.i18n import N_, Explained
from digests.quoting import quoted
from digests.summarize.base import Algorithm, AlgorithmFactory, sumy_factory
from digests.summarize.edmundson import build_edmundson
from digests.summarize.hybrid import build_hybrid
from digests.summarize.languages import resolve_language
from digests.summarize.lead import build_lead

ALGORITHMS: dict[str, AlgorithmFactory] = {
    "lead": build_lead,
    "lexrank": sumy_factory(LexRankSummarizer),
    "textrank": sumy_factory(TextRankSummarizer),
    "lsa": sumy_factory(LsaSummarizer),
    "luhn": sumy_factory(LuhnSummarizer),
    "edmundson": build_edmundson,
    "kl": sumy_factory(KLSummarizer),
    "sumbasic": sumy_factory(SumBasicSummarizer),
    "reduction": sumy_factory(ReductionSummarizer),
    "hybrid": build_hybrid,
}


class UnknownAlgorithm(Explained, ValueError):  # noqa: N818 - the name the team codes against
    """Raised for an algorithm name not in the registry; the message lists the known ones."""

    def __init__(self, name: str) -> None:
        super().__init__(N_("unknown summarization algorithm {name}; known: {known}"),
                         name=quoted(name), known=", ".join(algorithm_names()))
        self.name = name


def algorithm_names() -> tuple[str, ...]:
    """Return the registered names, sorted, for help texts and menus."""
    return tuple(sorted(ALGORITHMS))


def get_algorithm(name: str, language: str = "en") -> Algorithm:
    """Return the algorithm `name` configured for an ISO language code.

    Raises:
        UnknownAlgorithm: When `name` is not registered.
    """
    key = name.strip().lower()
    if key not in ALGORITHMS:
        raise UnknownAlgorithm(name)
    return _build(key, resolve_language(language).code)


@lru_cache(maxsize=128)
def _build(name: str, code: str) -> Algorithm:
    """Build and cache one algorithm for one language."""
    return ALGORITHMS[name](resolve_language(code))
