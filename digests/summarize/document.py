"""Build sumy's document model from plain text with our offline tokenizer.

Sentences that cannot stand alone (greetings, captions, fragments, questions to readers:
`standalone.junk_kind`) never enter the model, so no algorithm can rank them; transcript
turns enter with their speaker attached. Otherwise the rules are sumy's
`PlaintextParser`'s, so a summary here and one from plain sumy see the same sentences:
paragraphs are separated by blank lines, the lines of a paragraph are
joined with a space, and a line in capitals only ("BREAKING NEWS") is a heading, which
sumy never returns as a summary sentence. Unlike the parser, lines are joined once per
paragraph rather than appended one by one, which keeps huge inputs linear.
"""

from __future__ import annotations

from collections.abc import Iterator

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.utils import cached_property

from digests.summarize.standalone import (
    Context,
    SaidByPronoun,
    readable_sentences,
    spoken_text,
)
from digests.summarize.tokenizer import OfflineTokenizer


class AttributedSentence(Sentence):  # type: ignore[misc]  # sumy is untyped
    """A quotation shown with the speaker `standalone.attribute` gave it, ranked as said.

    The speaker's name is added for the reader; the article did not say it there. Ranked
    with it, every attributed quote shares the article's most frequent words (its main
    speaker's name) and crowds out the sentences a summary needs: hybrid's BBC ROUGE-2
    fell by three points until ranking saw only what was said.
    """

    __slots__ = ()

    @cached_property  # type: ignore[untyped-decorator]
    def words(self) -> tuple[str, ...]:
        """The words of what was said, without the added speaker."""
        return tuple(self._tokenizer.to_words(spoken_text(self._text)))


class PronounQuoteSentence(Sentence):  # type: ignore[misc]  # sumy is untyped
    """`"…," he said.`, ranked as written, shown attributed when alone (`SaidByPronoun`)."""

    __slots__ = ("attributed",)

    def __init__(self, text: SaidByPronoun, tokenizer: OfflineTokenizer) -> None:
        super().__init__(str(text), tokenizer)
        self.attributed = text.attributed


def is_heading(line: str) -> bool:
    """Tell whether a line is all capitals, ignoring caseless scripts such as Chinese."""
    return line.isupper() and all(not c.isalpha() or c.isupper() for c in line)


def _paragraph_blocks(text: str) -> Iterator[list[str]]:
    """Yield the stripped, non-empty lines of each blank-line separated block."""
    block: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line:
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


def _sentences(
    lines: list[str], tokenizer: OfflineTokenizer, standalone: Context | None
) -> Iterator[Sentence]:
    """Turn one block into sentences, keeping headings where they stood."""
    pending: list[str] = []
    for line in lines:
        if is_heading(line):
            if pending:
                yield from _split(" ".join(pending), tokenizer, standalone)
                pending = []
            yield Sentence(line, tokenizer, is_heading=True)
        else:
            pending.append(line)
    if pending:
        yield from _split(" ".join(pending), tokenizer, standalone)


def _split(
    text: str, tokenizer: OfflineTokenizer, standalone: Context | None
) -> Iterator[Sentence]:
    """Split text into sumy sentences; only those a reader can take alone if `standalone`."""
    sentences = [s for s in tokenizer.to_sentences(text) if s.strip()]
    if standalone is None:
        return (Sentence(s, tokenizer) for s in sentences)
    readable = readable_sentences(sentences, tokenizer.language, standalone)
    return (
        PronounQuoteSentence(s, tokenizer) if isinstance(s, SaidByPronoun)
        else (Sentence if spoken_text(s) == s else AttributedSentence)(s, tokenizer)
        for s in readable
    )


def build_document(
    text: str, tokenizer: OfflineTokenizer, *, standalone: bool = True
) -> ObjectDocumentModel:
    """Parse plain text into sumy's `ObjectDocumentModel`.

    Args:
        text: Paragraphs separated by blank lines.
        tokenizer: Splits sentences and words; the same one must rate the sentences.
        standalone: Keep only sentences a reader can take alone (`standalone.junk_kind`);
            False keeps every sentence, for text where none would be left.

    Returns:
        The document; its `sentences` exclude headings, as sumy's do.
    """
    seen: set[str] = set()
    paragraphs = []
    context = Context() if standalone else None
    for block in _paragraph_blocks(text):
        kept = [s for s in _sentences(block, tokenizer, context) if _first_time(s, seen)]
        if kept:
            paragraphs.append(Paragraph(kept))
    return ObjectDocumentModel(paragraphs)


def _first_time(sentence: Sentence, seen: set[str]) -> bool:
    """False for a repeat of an earlier sentence (pasted text often repeats paragraphs).

    A summary that says the same thing five times wastes the reader's five lines, and
    frequency-based rankers would otherwise favour exactly the repeated sentence.
    """
    if sentence.is_heading:
        return True
    key = str(sentence)  # the tokenizer already normalised its whitespace
    if key in seen:
        return False
    seen.add(key)
    return True


def truncate(document: ObjectDocumentModel, limit: int) -> ObjectDocumentModel:
    """Keep the paragraphs (and headings) holding the first `limit` sentences.

    Graph and greedy algorithms are quadratic or worse in the sentence count (KL takes
    80 s on 660 sentences), so callers cap what they rank; the head of a news text is
    where its summary lives anyway.
    """
    paragraphs: list[Paragraph] = []
    left = limit
    for paragraph in document.paragraphs:
        if left <= 0:
            break
        kept: list[Sentence] = []
        for sentence in paragraph._sentences:  # headings included, in order
            if not sentence.is_heading:
                if left <= 0:
                    break
                left -= 1
            kept.append(sentence)
        paragraphs.append(Paragraph(kept))
    return ObjectDocumentModel(paragraphs)


def without(document: ObjectDocumentModel, sentence: Sentence) -> ObjectDocumentModel:
    """The document minus one sentence, so a ranker can be asked again without it."""
    paragraphs = [
        Paragraph(kept)
        for paragraph in document.paragraphs
        if (kept := [s for s in paragraph._sentences if s is not sentence])
    ]
    return ObjectDocumentModel(paragraphs)
