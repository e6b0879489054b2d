"""Which sentences a reader can take alone, and how to make a first line stand alone.

An extractive summary lifts sentences out of their article. Some only make sense where
they stood: a greeting from a transcript ("Уважаемый господин Министр!"), a chart legend
("██ Conservative Party - 365 seats"), a question put to readers, a slogan, a fragment
cut at "p.m.", half of a quotation. A ranker that rewards shared words happily picks
them (a greeting names everyone in the room), so they are taken out before ranking:
`junk_kind` names why a sentence cannot stand alone, or returns None.

Transcript turns ("Nikolai Tokarev: Eighty-three percent …") keep their content with the
speaker attached (`attribute`), so a quote never loses who said it; a short one that
leans on what is not shown («Это у них надо спросить») is dropped (`leans_back`). A
sentence that points back ("He added", "But", "Она", "Однако") may follow the sentence
it followed in the article, but never opens a summary or stands as a key point
(`points_back`, `strip_connective`; the summarizer enforces the order).

The rules are lexical, per language, for the corpus languages (en, ru, uk, zh, fr);
other languages get the script-level rules (punctuation, quotes, brackets, length).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Junk(StrEnum):
    """Why a sentence cannot stand alone; the audit counts lines by these kinds."""

    GREETING = "greeting"
    EXCLAMATION = "exclamation"
    QUESTION = "question"
    CAPTION = "caption"
    FRAGMENT = "fragment"
    CUT = "cut at abbreviation"
    UNBALANCED = "unbalanced quotes or brackets"
    UNATTRIBUTED_QUOTE = "quote without speaker"
    CONTEXT_QUOTE = "quote leaning on what is not shown"
    TOO_LONG = "too long"


#: Reasons a line is no key point (`key_point_kind`), beside the `Junk` kinds.
POINTS_BACK = "opens pointing back"
LONG_KEY_POINT = "key point too long"
BARE_QUOTE = "quote without its subject"
FIRST_PERSON = "first person without speaker"
UNNAMED_SUBJECT = "pronoun for a subject not shown"
REPLY = "reply to someone not shown"

#: A sentence longer than this (characters; CJK counts about three times denser) is a
#: paragraph, a list or a run-on transcript turn, never a line a reader takes in at once.
#: News prose has long sentences below it: BBC's reference summaries hold 400-800
#: character ones (quotations the splitter rightly keeps whole), which a summary may show.
MAX_CHARS = 800
MAX_CJK_CHARS = 300
#: A key point is read on its own, first, as the digest's gist: one breath at most. A
#: ~1,000-character quote or a 300-character list of names is a story line, not a point.
KEY_POINT_MAX_CHARS = 300
KEY_POINT_MAX_CJK_CHARS = 110
#: A quote this short said without its subject («Нас это не касается» — В.Путин) is a
#: reaction to something left out; as a key point it says nothing.
MIN_QUOTE_WORDS = 6
#: A quote this short that opens pointing back («Поэтому это дело КНР») or refers with a
#: pronoun and names nobody («Это у них надо спросить») answers something left out.
CONTEXT_QUOTE_WORDS = 10
#: Fewer words than this is a fragment ("And 30 percent of oil products" has six).
MIN_WORDS = 4
MIN_CJK_CHARS = 8
#: A sentence without an end mark is a fragment when shorter than this; longer ones have
#: lost their full stop in the source's markup more often than they are cut.
UNENDED_WORDS = 12
#: A sentence this short that opens with "And"/"И"/"Et" is the tail of another one.
SHORT_WORDS = 8

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*")
_CLOSERS = "\"'”’»)]）」』》"
_TERMINAL = re.compile(rf"[.!?。！？][\s{re.escape(_CLOSERS)}]*$")
_CHART = re.compile(r"[█▇▆▅▄▃▂▁■□▪▫◼◻●○◆◇►▶▲▼|]{1,}")
_LEGEND = re.compile(r"^[^\d.!?]{1,60}\s[-–—:]\s*\d[\d.,\s%]*\s*[^\W\d_]{0,12}\.?$")
# A caption word only labels a caption when a separator follows ("Photo: …", "Фото —"):
# "Credit card debt is falling" and "Video games proved popular" are news.
_CREDIT = re.compile(
    r"^[(\[]?\s*(?:(?:file photo|image copyright|image caption|media caption|getty images)\b|"
    r"(?:photo|image|picture|pictured|source|credit|caption|graphic|map|chart|video|фото|"
    r"источник|иллюстрация|видео|графика|джерело|світлина|ілюстрація|crédit|légende|"
    r"illustration)\s*(?:[:©/|]|[-–—]\s|by\b|$)|(?:图片|图表|来源|资料来源|视频|摄影)[:：]?)",
    re.IGNORECASE,
)
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:[ap]\.m|mr|mrs|ms|dr|prof|gen|gov|sen|rep|st|no|vs|etc|approx|inc|ltd|co|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|u\.s|г|гг|т|ул|им|тыс|млн|млрд|"
    r"руб|просп|св|ст|mme|mlle|av|env)\.)$",
    re.IGNORECASE,
)

_GREETING_OPENERS: dict[str, tuple[str, ...]] = {
    "en": ("dear ", "ladies and gentlemen", "good morning", "good afternoon", "good evening",
           "hello", "thank you", "thanks", "welcome", "friends", "colleagues",
           "mr president", "madam president", "your excellency", "congratulations"),
    "ru": ("уважаем", "дорог", "добрый день", "добрый вечер", "доброе утро", "здравствуй",
           "спасибо", "благодарю", "дамы и господа", "коллеги", "друзья", "господин президент",
           "приветствую", "поздравляю"),
    "uk": ("шановн", "дорог", "добрий день", "добрий вечір", "доброго ранку", "вітаю",
           "дякую", "пані та панове", "колеги", "друзі", "пане президенте", "слава україні"),
    "fr": ("monsieur", "madame", "mesdames", "messieurs", "cher ", "chère", "chers",
           "bonjour", "bonsoir", "merci", "bienvenue", "félicitations"),
    "zh": ("尊敬的", "女士们", "先生们", "大家好", "谢谢", "感谢", "欢迎", "亲爱的", "朋友们"),
}

#: Courtesies anywhere in a short sentence: "Очень рад Вас снова видеть", "Welcome to Moscow".
_COURTESIES = re.compile(
    r"(?:glad to see you|pleased to see you|happy to see you|nice to see you|welcome you|"
    r"delighted to see you|good to see you|"
    r"welcome to|let me welcome|let me greet|i want to greet|рад вас|рады вас|рад видеть|"
    r"рады видеть|рад снова|поприветствовать|приветствую вас|добро пожаловать|радий вас|"
    r"раді вас|ласкаво просимо|привітати|ravi de vous|heureux de vous|bienvenue|欢迎|"
    r"передать[^.]{0,60}привет|передайте[^.]{0,60}привет|передати[^.]{0,60}вітання|"
    r"(?:convey|pass on)[^.]{0,40}(?:greetings|regards|best wishes))",
    re.IGNORECASE,
)
MAX_COURTESY_CHARS = 120
#: The speaker thanking someone ("I would like to join the previous speakers in thanking
#: …", «Хочу поблагодарить …»): a courtesy of any length, whatever else it lists; as a key
#: point it says nothing. "Xi Jinping thanked Vladimir Putin for …" is reported, and news.
_THANKING = re.compile(
    r"\b(?:i|we|i'd|we'd)\b[^.;:]{0,60}\bthank|\b(?:я|мы|хочу|хотел бы|хотелось бы)\b"
    r"[^.;:]{0,60}благодар|\b(?:я|ми|хочу|хотів би)\b[^.;:]{0,60}(?:дяку|подяку)|"
    r"\b(?:je|nous)\b[^.;:]{0,60}remerci|我们?[^。；]{0,10}(?:感谢|谢谢)",
    re.IGNORECASE,
)
#: Answers that lean on the question: "Yes, to China", "Да, конечно".
_ANSWER = re.compile(r"^(?:yes|no|yeah|okay|ok|right|sure|да|нет|так|ні|oui|non|是的)\s*[,.!，]",
                     re.IGNORECASE)

_THANKS = frozenset({"thank you", "thanks", "спасибо", "благодарю", "дякую", "merci", "谢谢",
                     "感谢"})

_POINTING_BACK: dict[str, tuple[str, ...]] = {
    "en": ("but", "and", "or", "so", "yet", "however", "also", "moreover", "furthermore",
           "meanwhile", "still", "instead", "nevertheless", "in addition", "additionally",
           "as a result", "therefore", "thus", "then", "he", "she", "they", "it", "this",
           "that", "these", "those", "his", "her", "their", "its", "such", "both", "the latter",
           "the former", "later", "afterwards"),
    "ru": ("но", "а", "и", "однако", "также", "тоже", "кроме того", "при этом", "тем не менее",
           "поэтому", "зато", "впрочем", "он", "она", "оно", "они", "его", "её", "ее", "их",
           "это", "этот", "эта", "эти", "этого", "этой", "этим", "там", "тогда", "здесь",
           "такой", "такая", "такие", "после этого"),
    "uk": ("але", "а", "і", "й", "та", "однак", "проте", "також", "теж", "крім того", "при цьому",
           "тому", "він", "вона", "воно", "вони", "його", "її", "їх", "це", "цей", "ця", "ці",
           "цього", "там", "тоді", "тут", "такий", "така", "такі"),
    "fr": ("mais", "et", "ou", "donc", "cependant", "toutefois", "pourtant", "aussi",
           "par ailleurs", "en outre", "de plus", "il", "elle", "ils", "elles", "ce", "cette",
           "ces", "cela", "ceci", "ça", "son", "sa", "ses", "leur", "leurs", "là", "ensuite"),
    "zh": ("但", "但是", "然而", "不过", "而", "他", "她", "它", "他们", "她们", "这", "这些",
           "此外", "同时", "因此", "所以", "另外", "其"),
}
#: Connectives that can simply be dropped from a first line ("However, X" -> "X").
_DROPPABLE: dict[str, tuple[str, ...]] = {
    "en": ("but", "and", "so", "yet", "however", "also", "moreover", "furthermore",
           "meanwhile", "still", "nevertheless", "in addition", "additionally"),
    "ru": ("но", "а", "и", "однако", "также", "кроме того", "при этом", "тем не менее",
           "впрочем"),
    "uk": ("але", "а", "і", "та", "однак", "проте", "також", "крім того", "при цьому"),
    "fr": ("mais", "et", "cependant", "toutefois", "pourtant", "par ailleurs", "en outre",
           "de plus"),
    "zh": ("但", "但是", "然而", "不过", "此外", "同时", "另外"),
}
#: Pronouns that refer to something said before; in a short quote naming nobody they leave
#: the reader asking "what is 'this'?" («Я считаю, что это абсолютно не так»).
_ANAPHORS: dict[str, frozenset[str]] = {
    "en": frozenset({"this", "that", "it", "they", "them", "these", "those", "there", "such"}),
    "ru": frozenset({"это", "этого", "этом", "этим", "эти", "этих", "они", "них", "их", "им",
                     "так", "такое", "там", "тут", "он", "она", "оно", "него", "неё", "нее"}),
    "uk": frozenset({"це", "цього", "цим", "цих", "ці", "вони", "них", "їх", "їм", "так",
                     "таке", "там", "тут", "він", "вона", "воно", "нього", "неї"}),
    "fr": frozenset({"ça", "cela", "ceci", "ils", "elles", "eux", "là", "ce"}),
}
#: Third-person pronouns that can be a clause's subject. Early in a key point, before any
#: name, one stands for somebody or something the digest does not show («Прежде всего
#: связана она с …», "Last week they agreed …"). French "il" is left out: it is as often
#: impersonal ("il y a", "il faut") as it refers back; English "it" likewise.
_SUBJECT_PRONOUNS: dict[str, frozenset[str]] = {
    "en": frozenset({"he", "she", "they"}),
    "ru": frozenset({"он", "она", "оно", "они"}),
    "uk": frozenset({"він", "вона", "воно", "вони"}),
    "fr": frozenset({"elle", "ils", "elles"}),
}
#: After these the pronoun belongs to reported speech or a clause whose subject the
#: sentence already named ("The minister said he …", «Знаю, что она …»).
_CLAUSE_BREAKS = frozenset({"that", "who", "which", "when", "if", "because", "что", "чтобы",
                            "который", "которая", "которые", "когда", "если", "потому", "що",
                            "щоб", "який", "яка", "які", "коли", "якщо", "que", "qu", "qui",
                            "quand", "si", "parce"})
#: How far into a sentence a pronoun is still its subject: «Прежде всего связана она» has
#: it fourth; deeper in, a subject named first is the likelier reading.
SUBJECT_WORDS = 6
SUBJECT_CJK_CHARS = 6
#: Chinese "he/she/they" that are not part of 其他 (other), 他国 (other countries), 他人.
_ZH_SUBJECT = re.compile(r"(?<!其)(?:他们|她们|他|她)(?![国人])")
#: A line opening with these is somebody's speech; read first and alone, "I regard these
#: relations as …" leaves the reader asking who speaks.
_FIRST_PERSON: dict[str, tuple[str, ...]] = {
    "en": ("i", "we", "i'm", "we're", "i've", "we've", "my", "our"),
    "ru": ("я", "мы", "мой", "моя", "наш", "наша", "наши", "нам", "нас", "мне", "меня"),
    "uk": ("я", "ми", "мій", "моя", "наш", "наша", "наші", "нам", "нас", "мені", "мене"),
    "fr": ("je", "j'", "nous", "mon", "ma", "mes", "notre", "nos"),
}
#: Capitalised words that name nobody: "I", the polite "Вы"/"Ви" of a transcript.
_ADDRESS = frozenset({"i", "i'm", "i've", "i'd", "вы", "вас", "вам", "вами", "ваш", "ваша",
                      "ваше", "ваши", "вашей", "ви", "вашого"})
_QUOTES = {"en": ("“", "”"), "zh": ("“", "”"), "ru": ("«", "»"), "uk": ("«", "»"),
           "fr": ("« ", " »")}
_ATTRIBUTION_VERBS = re.compile(
    r"(?:[:;]\s*[\"“«„])|\b(?:said|says|told|added|asked|asks|wrote|stated|declared|according|noted|"
    r"explained|admitted|insisted|claimed|replied|warned|argued|praised|continued|"
    r"сказал|сказала|заявил|заявила|отметил|отметила|добавил|добавила|сообщил|сообщила|"
    r"по словам|сказав|сказала|заявив|заявила|зазначив|зазначила|додав|додала|за словами|"
    r"a déclaré|a dit|selon|a ajouté|affirme|表示|说|称|指出)\b",
    re.IGNORECASE,
)
# "President of Russia Vladimir Putin: …", "В.Путин: …", "Nikolai Tokarev:…passes".
_SPEAKER = re.compile(
    r"^(?P<name>(?:[A-ZА-ЯЁІЇЄҐ][\w’'\-]*\.?\s?|(?:of|the|de|du|la|le|des)\s){1,10}?)"
    # "Ван И (как переведено):", "Xi Jinping(retranslated):"
    r"(?:\s*\([^()]{1,40}\))?\s*:\s*(?P<rest>\S.*)$",
    re.DOTALL,
)
_SEPARATOR = re.compile(r"^(?:[*•·#=~_-]\s*)+")  # "* * * В.Путин: …"
_NAME_WORD = re.compile(r"^(?:[A-ZА-ЯЁІЇЄҐ]\.)*[A-ZА-ЯЁІЇЄҐ][\w’'\-]*$")
#: Capitalised words that make a label a title, not a person ("Shake Hands With The Devil:").
_TITLE_WORDS = frozenset({
    "the", "with", "and", "of", "in", "on", "for", "to", "a", "an", "at", "by", "from", "is",
    "are", "how", "why", "what", "when", "who", "my", "our", "your", "no", "not", "vs",
})
_NOT_SPEAKERS = frozenset({
    "note", "update", "editor's note", "warning", "breaking", "source", "photo", "video",
    "read more", "see also", "примечание", "фото", "источник", "видео", "джерело",
})
_QUESTIONER = frozenset({"question", "q", "вопрос", "питання", "journalist", "журналист",
                         "журналіст", "reporter", "corrrespondent", "корреспондент"})


_ATTRIBUTED = re.compile(r"^[“«]\s?(?P<text>[^“”«»]+?)\s?[”»] — [^\W\d_][^“”«»]{0,60}$")


#: Openers that make a short sentence the tail of the one before ("And 30 percent of oil
#: products."); a short "But X is no ideologue." is a whole clause and may follow others.
_TAIL_OPENERS: dict[str, tuple[str, ...]] = {
    "en": ("and", "or", "and also"), "ru": ("и", "или", "а также"),
    "uk": ("і", "й", "та", "або"), "fr": ("et", "ou"),
}


def _tails(code: str) -> tuple[str, ...]:
    return _TAIL_OPENERS.get(code, ()) + (_TAIL_OPENERS["en"] if code != "en" else ())


def _connectives(code: str) -> tuple[str, ...]:
    return _DROPPABLE.get(code, ()) + (_DROPPABLE["en"] if code != "en" else ())


def _base(language: str | None) -> str:
    return (language or "en").split("-")[0].lower()


def _is_cjk(text: str) -> bool:
    return len(_CJK.findall(text)) * 2 > len(text.replace(" ", ""))


_LEADING = "«“\"'„(—– "


def _starts_with(text: str, openers: tuple[str, ...], cjk: bool) -> str | None:
    """The opener `text` starts with as a whole word (any prefix for CJK), else None."""
    lowered = text.lower().lstrip(_LEADING)
    for opener in sorted(openers, key=len, reverse=True):
        if not lowered.startswith(opener):
            continue
        after = lowered[len(opener): len(opener) + 1]
        if cjk or opener.endswith(" ") or not after or not (after.isalnum() or after == "-"):
            return opener
        if not opener.isascii() and opener in ("уважаем", "дорог", "шановн", "здравствуй"):
            return opener  # stems: "Уважаемые", "Дорогие"
    return None


def _balanced(text: str) -> bool:
    """Brackets open and close in pairs, and so do quotation marks unless a speaker is named.

    A quotation running over several sentences is split with one mark in each end piece;
    the piece naming the speaker ('partner," Mr Yushchenko said.') still reads as a quote.
    """
    pairs = (("(", ")"), ("[", "]"), ("（", "）"), ("「", "」"), ("『", "』"), ("《", "》"))
    if any(text.count(a) != text.count(b) for a, b in pairs):
        return False
    quotes_paired = text.count('"') % 2 == 0 and text.count("«") == text.count("»") and (
        text.count("„") == text.count("“") if "„" in text else text.count("“") == text.count("”")
    )
    return quotes_paired or _ATTRIBUTION_VERBS.search(text) is not None


def _reported(text: str) -> bool:
    """A question someone is reported asking (`He asked: "Who pays?"`), not one to readers.

    Only a quotation introduced by a named saying counts: a question in the reporter's
    own voice, or a transcript turn (judged on its text alone), still addresses readers.
    """
    return any(mark in text for mark in "\"“«„") and _ATTRIBUTION_VERBS.search(text) is not None


def _quoted_only(text: str) -> bool:
    """The whole sentence is one quotation with nobody saying it."""
    stripped = text.strip()
    if not stripped or stripped[0] not in "\"“«„「":
        return False
    closing = max(stripped.rfind(c) for c in "\"”»“」")
    tail = stripped[closing + 1:].strip(" .,!?。")
    return closing > 0 and not tail and not _ATTRIBUTION_VERBS.search(stripped)


def junk_kind(sentence: str, language: str | None = None) -> Junk | None:
    """Why `sentence` cannot stand alone in a summary or digest, or None when it can.

    Args:
        sentence: One sentence, whitespace already normalised.
        language: ISO code of the article; picks the greeting word lists.
    """
    text = sentence.strip()
    code = _base(language)
    if (said := _ATTRIBUTED.match(text)) is not None:
        text = said.group("text").strip()  # a turn `attribute` gave its speaker
        text = text if text.endswith(("?", "!", "？", "！", "…")) else text + "."
    cjk = code in ("zh", "ja") or _is_cjk(text)
    letters = sum(c.isalpha() for c in text)
    if _CHART.search(text) or _CREDIT.match(text) or _LEGEND.match(text):
        return Junk.CAPTION
    greeting = _starts_with(text, _GREETING_OPENERS.get(code, ()) + _GREETING_OPENERS["en"], cjk)
    if greeting is not None and (
        text.rstrip(_CLOSERS).endswith(("!", "！", ",", "，"))
        or (greeting in _THANKS and len(text) < 60)
    ):
        return Junk.GREETING
    if len(text) <= MAX_COURTESY_CHARS and _COURTESIES.search(text):
        return Junk.GREETING
    if text.rstrip(_CLOSERS).endswith(("?", "？")) and not _reported(text):
        return Junk.QUESTION
    if text.rstrip(_CLOSERS).endswith(("!", "！")):
        return Junk.EXCLAMATION
    if len(text) > (MAX_CJK_CHARS if cjk else MAX_CHARS):
        return Junk.TOO_LONG
    if not _balanced(text):
        return Junk.UNBALANCED
    if _ABBREVIATIONS.search(text) and not text.lower().endswith(("etc.", "inc.", "ltd.", "co.")):
        return Junk.CUT
    words = len(_CJK.findall(text)) if cjk else len(_WORD.findall(text))
    first = text.lstrip("\"'“«„([—–- ")[:1]
    if (
        words < (MIN_CJK_CHARS if cjk else MIN_WORDS)
        or letters < (MIN_CJK_CHARS if cjk else 2 * MIN_WORDS)
        or (not _TERMINAL.search(text) and (words < UNENDED_WORDS or text.endswith((",", ":"))))
        or text.startswith(("…", "...", ",", ";", ")"))
        or (first.isalpha() and first.islower())
        or _ANSWER.match(text.lstrip(_LEADING))
        or (words < SHORT_WORDS and not cjk and _starts_with(text, _tails(code), cjk))
    ):
        return Junk.FRAGMENT
    if _quoted_only(text):
        return Junk.UNATTRIBUTED_QUOTE
    if said is not None and leans_back(text, code):
        return Junk.CONTEXT_QUOTE
    return None


@dataclass(frozen=True, slots=True)
class Turn:
    """A transcript turn: who speaks, and what they say (the sentence without its label)."""

    speaker: str
    text: str


def speaker_turn(sentence: str) -> Turn | None:
    """Split "Name: text" into speaker and text, when the label is a person's name.

    A label is one to eight capitalised words (titles with "of" allowed, initials like
    "В.Путин"), no digits: "President of Russia Vladimir Putin", "Nikolai Tokarev".
    """
    match = _SPEAKER.match(_SEPARATOR.sub("", sentence.strip()))
    if match is None:
        return None
    name = " ".join(match.group("name").split())
    if name.lower() in _NOT_SPEAKERS or any(c.isdigit() for c in name):
        return None
    words = [w for w in name.split() if w not in ("of", "the", "de", "du", "la", "le", "des")]
    if not words or not all(_NAME_WORD.match(w) for w in words):
        return None
    if any(w.lower() in _TITLE_WORDS for w in words):
        return None
    rest = match.group("rest").strip()
    return Turn(speaker=name, text=rest)


_LABEL_CONNECTORS = frozenset({"of", "the", "de", "du", "la", "le", "des"})
#: A heading run into a speaker label is a short phrase ("Beginning of Russia-China
#: talks", "Speech by the President … at the BRICS Summit"); a longer run is prose.
HEADING_WORDS = 15
_ENDS_SENTENCE = re.compile(rf"[.!?…。！？][{re.escape(_CLOSERS)}]*$")
_REMARK = re.compile(r"\s*\([^()]{1,40}\)\s*$")  # "(retranslated)", "(как переведено)"


def glued_turn(sentence: str) -> tuple[str | None, str] | None:
    """Split a speaker label out of the middle of a sentence, where markup lost a break.

    A page's section heading or the last words of the previous turn run into the next
    turn's label: "Beginning of Russia-China talks President of Russia Vladimir Putin:
    President Xi, my dear friend, …" or "… across the Don River… Vladimir Putin: Excuse
    me, …". The label is the run of capitalised words (with "of", "the") just before the
    colon, a name `speaker_turn` accepts; what it says must open with a capital.

    Returns:
        None when no label is run in; else what stood before it when that ends a
        sentence (the previous turn's last words, to keep) or None when it is a heading
        (to drop), and the turn as "Label: text" for `speaker_turn`.
    """
    text = _SEPARATOR.sub("", sentence.strip())
    colon = text.find(":")
    if colon < 0 or not text[colon + 1:].strip()[:1].isupper():
        return None
    before = text[:colon]
    remark = _REMARK.search(before)
    named = before[: remark.start()] if remark else before
    words = list(re.finditer(r"\S+", named))
    at = len(words)
    while at > 0 and (_NAME_WORD.match(words[at - 1].group())
                      or words[at - 1].group() in _LABEL_CONNECTORS):
        at -= 1
    while at < len(words) and words[at].group() in _LABEL_CONNECTORS:
        at += 1
    if at == 0 or at == len(words):
        return None  # the label opens the sentence (speaker_turn's case), or there is none
    head = _SEPARATOR.sub("", re.sub(r"[*•·#=~_\s-]+$", "", named[: words[at].start()]))
    turn = speaker_turn(text[words[at].start():])
    if turn is None or not _is_label(turn.speaker) or is_questioner(turn.speaker):
        return None
    labelled = text[words[at].start():]
    if _ENDS_SENTENCE.search(head):
        return head.strip(), labelled
    heading = head.strip()
    if (
        len(_WORD.findall(heading)) > HEADING_WORDS
        or _ATTRIBUTION_VERBS.search(heading)
        or re.search(r"[.!?;:,]", heading)
    ):
        return None  # prose that happens to name someone before a colon
    return None, labelled


#: Forms of address that end a salutation list: "…, Prime Minister Modi, ladies and
#: gentlemen, To begin with, …" (the speaker's greeting, run into the speech).
_SALUTATIONS: dict[str, tuple[str, ...]] = {
    "en": ("ladies and gentlemen", "colleagues", "friends", "dear friends", "dear colleagues",
           "distinguished guests", "my friend", "my dear friend", "dear friend"),
    "ru": ("дамы и господа", "коллеги", "друзья", "дорогие друзья", "уважаемые коллеги",
           "уважаемые друзья"),
    "uk": ("пані та панове", "колеги", "друзі", "дорогі друзі", "шановні колеги"),
    "fr": ("mesdames et messieurs", "mesdames", "messieurs", "chers amis", "chers collègues"),
    "zh": ("女士们", "先生们", "朋友们", "各位来宾"),
}
#: A salutation list names people: each item is a form of address or a few capitalised
#: words ("President Ramaphosa", "Prime Minister Modi").
SALUTATION_ITEMS = 8
SALUTATION_ITEM_WORDS = 5


def strip_salutation(sentence: str, language: str | None = None) -> str:
    """Drop a salutation list the source ran into the first sentence of a speech.

    "President Xi Jinping, President Ramaphosa, ladies and gentlemen, To begin with, I
    would like …" reads as one sentence because the transcript lost the line break after
    the address; the speech starts at "To begin with". A list of names and forms of
    address (`_SALUTATIONS`) followed by a capitalised word is cut off; anything else is
    returned unchanged.
    """
    code = _base(language)
    text = sentence.strip()
    cjk = code in ("zh", "ja") or _is_cjk(text)
    forms = frozenset(_SALUTATIONS.get(code, ()) + _SALUTATIONS["en"])
    start, cut = 0, None
    for count, comma in enumerate(re.finditer(r"\s*[,，]\s*", text)):
        item = text[start: comma.start()]
        start = comma.end()
        words = item.split()
        if item.lower() in forms:
            cut = comma.end()
        elif (
            count >= SALUTATION_ITEMS
            or not words
            or len(words) > SALUTATION_ITEM_WORDS
            or not all(_NAME_WORD.match(w) or w in _LABEL_CONNECTORS for w in words)
        ):
            break
    if cut is None:
        return text
    rest = text[cut:]
    enough = len(_CJK.findall(rest)) >= MIN_CJK_CHARS if cjk else (
        rest[:1].isupper() and len(_WORD.findall(rest)) >= MIN_WORDS)
    return rest if enough else text


def short_speaker(name: str) -> str:
    """The person's name without their title: the last two words ("Vladimir Putin").

    A label ending in its title ("Khurelsukh Ukhnaagiin President of Mongolia") gives the
    two words before the title, not "of Mongolia"; a camel-case join of name and title
    ("UkhnaagiinPresident", markup lost a space) is split first.
    """
    words = re.sub(r"(?<=[a-zа-яё]{3})(?=[A-ZА-ЯЁ][a-zа-яё])", " ", name).split()
    if len(words) <= 2 or name[:1].islower():  # "a protester using the pseudonym Katya"
        return " ".join(words)
    end = len(words)
    if words[-2] in _LABEL_CONNECTORS:  # "… President of Mongolia"
        end -= 2
        while end > 0 and words[end - 1] in _LABEL_CONNECTORS:
            end -= 1
        end -= 1  # the title word itself ("President")
        if end < 2:
            return " ".join(words)
    return " ".join(words[end - 2: end])


def is_questioner(name: str) -> bool:
    """A label for the press ("Question:", "Вопрос:"), whose lines are not statements."""
    return name.lower().rstrip(".") in _QUESTIONER


def attribute(text: str, speaker: str, language: str | None = None) -> str:
    """Give a transcript line its speaker: «text» — Name, in the language's quote marks."""
    opening, closing = _QUOTES.get(_base(language), _QUOTES["en"])
    body = text.strip()
    if body.endswith(".") and not body.endswith(".."):
        body = body[:-1]
    return f"{opening}{body}{closing} — {short_speaker(speaker)}"


def spoken_text(line: str) -> str:
    """What a line says without the speaker `attribute` gave it (the line itself if none)."""
    said = _ATTRIBUTED.match(line.strip())
    return line if said is None else said.group("text").strip()


#: A line that answers the person spoken to («Вы правильно отметили: …», "As you said,
#: …"): read first and alone, the reader is the "you" and was never asked.
_REPLY = re.compile(
    r"^(?:(?:as|like)\s+you\s+(?:just\s+)?(?:said|mentioned|noted|know|pointed\s+out)"
    r"|you(?:'re|\s+are)\s+(?:quite\s+|absolutely\s+)?right"
    r"|you\s+(?:have\s+)?(?:rightly|correctly|just|already)\s+"
    r"(?:said|mentioned|noted|pointed\s+out|remarked)"
    r"|(?:как\s+)?(?:вы|ты)\s+(?:уже\s+)?(?:совершенно\s+)?(?:правильно|верно|справедливо|"
    r"точно)?\s*(?:отметили|сказали|упомянули|заметили|говорили|подчеркнули|отметил|сказал)"
    r"|(?:вы|ты)\s+(?:совершенно\s+)?прав[ыа]?\b"
    r"|(?:як\s+)?ви\s+(?:правильно|слушно|справедливо)?\s*(?:зазначили|сказали|відзначили|"
    r"наголосили)"
    r"|(?:comme\s+)?vous\s+(?:l'avez\s+)?(?:dit|rappelé|souligné)"
    r"|正如您所说|您说得对)",
    re.IGNORECASE,
)


def key_point_kind(sentence: str, language: str | None = None) -> str | None:
    """Why a summary line cannot be a digest's key point, or None when it can.

    A key point is read first and alone, so on top of `junk_kind` it must not point back
    to what is not shown, must fit one breath (`KEY_POINT_MAX_CHARS`), a quotation
    must say something («Мы ничего не знаем» — В.Путин), and a line in the first person
    must name its speaker ("I regard these relations …" is nobody's).
    """
    text = sentence.strip()
    if (kind := junk_kind(text, language)) is not None:
        return kind.value
    if points_back(text, language):
        return POINTS_BACK
    cjk = _base(language) in ("zh", "ja") or _is_cjk(text)
    if len(text) > (KEY_POINT_MAX_CJK_CHARS if cjk else KEY_POINT_MAX_CHARS):
        return LONG_KEY_POINT
    said = _ATTRIBUTED.match(text)
    if said is not None and not cjk and len(_WORD.findall(said.group("text"))) < MIN_QUOTE_WORDS:
        return BARE_QUOTE
    code = _base(language)
    first_person = _FIRST_PERSON.get(code, ()) + (_FIRST_PERSON["en"] if code != "en" else ())
    if said is None and not cjk and _starts_with(text, first_person, cjk) is not None:
        return FIRST_PERSON
    if unnamed_subject(spoken_text(text), language):
        return UNNAMED_SUBJECT
    if _REPLY.match(spoken_text(text).lstrip(_LEADING)):
        return REPLY
    if _THANKING.search(spoken_text(text)):
        return Junk.GREETING.value
    return None


def refers_back(sentence: str, language: str | None = None) -> bool:
    """Tell whether a line needs the sentence before it to be understood.

    It points back ("However", "He added": `points_back`) or its subject is a pronoun for
    someone it never names («Прежде всего связана она …»: `unnamed_subject`). Summaries
    show such a line only right after that sentence, and never first.
    """
    return points_back(sentence, language) or unnamed_subject(spoken_text(sentence), language)


def unnamed_subject(sentence: str, language: str | None = None) -> bool:
    """Tell whether a sentence's subject is a pronoun for someone it never names.

    «Прежде всего связана она с подготовкой приезда …» is about "it" (a programme said
    a sentence earlier); read first and alone as a key point it answers nothing. A
    third-person subject pronoun (`_SUBJECT_PRONOUNS`) among the first `SUBJECT_WORDS`
    words, before any capitalised word (a name the pronoun could stand for) and before
    a subordinate or reported clause ("The minister said he …"), is such a subject. A
    sentence opening with the pronoun is `points_back`'s already. Story lines keep
    these: under their article's headline and neighbours, the pronoun has its referent.
    """
    code = _base(language)
    text = sentence.strip().lstrip(_LEADING)
    if code in ("zh", "ja") or _is_cjk(text):
        clause = re.split(r"[，,；;：:、]", text, maxsplit=1)[0][:SUBJECT_CJK_CHARS]
        return _ZH_SUBJECT.search(clause) is not None
    pronouns = _SUBJECT_PRONOUNS.get(code, frozenset()) | _SUBJECT_PRONOUNS["en"]
    for at, match in enumerate(list(_WORD.finditer(text))[:SUBJECT_WORDS]):
        word, lowered = match.group(), match.group().lower()
        if lowered in pronouns:
            # "Гидроэнергия – она дешёвая": the dash restates a subject just named.
            return not re.search(r"\s[–—-]\s*$", text[: match.start()])
        if lowered in _CLAUSE_BREAKS or _ATTRIBUTION_VERBS.fullmatch(lowered):
            return False
        named = word[:1].isupper() and lowered not in _ADDRESS
        if named and (at > 0 or (len(word) > 1 and word.isupper())):  # a name, "UNICEF"
            return False
    return False


def leans_back(quote: str, language: str | None = None) -> bool:
    """Tell whether a short quote only makes sense with what was said before it.

    A transcript answer cut from its question («Это у них надо спросить», «Поэтому это
    дело Китайской Народной Республики») reads as a reaction to nothing: it opens
    pointing back, or refers with a pronoun (`_ANAPHORS`) while naming nobody (no
    capitalised word after the first). Longer quotes carry their own subject.
    """
    code = _base(language)
    text = quote.strip().strip("\"“”«»„ ")
    if code in ("zh", "ja") or _is_cjk(text):
        return False
    words = _WORD.findall(text)
    if not words or len(words) >= CONTEXT_QUOTE_WORDS:
        return False
    if points_back(text, code):
        return True
    anaphors = _ANAPHORS.get(code, frozenset()) | (_ANAPHORS["en"] if code != "en" else set())
    named = any(
        w[:1].isupper() and w.lower() not in anaphors and w.lower() not in _ADDRESS
        for w in words[1:]
    )
    return not named and any(w.lower() in anaphors for w in words)


def points_back(sentence: str, language: str | None = None) -> bool:
    """Tell whether a sentence refers to what came before ("He added", "But", "Однако")."""
    code = _base(language)
    text = sentence.strip()
    cjk = code in ("zh", "ja") or _is_cjk(text)
    words = _POINTING_BACK.get(code, ()) + (_POINTING_BACK["en"] if code != "en" else ())
    return _starts_with(text, words, cjk) is not None


def strip_connective(sentence: str, language: str | None = None) -> str | None:
    """Drop a leading connective ("However, X" -> "X") when what is left stands alone.

    Returns:
        The shortened sentence, capitalised; None when the opening cannot be dropped.
    """
    code = _base(language)
    text = sentence.strip()
    cjk = code in ("zh", "ja") or _is_cjk(text)
    opener = _starts_with(text, _connectives(code), cjk)
    if opener is None:
        return None
    lead = len(text) - len(text.lstrip(_LEADING))
    rest = text[lead + len(opener):].lstrip(" ,，、:;—–")
    if not rest:
        return None
    rest = rest[0].upper() + rest[1:]
    if points_back(rest, code) or junk_kind(rest, code) is not None:
        return None
    return rest


class Context:
    """What a document has said so far that later sentences lean on: the last speaker.

    A quotation standing alone (“Turkey will not be a burden.”) is said by whoever was
    last named as speaking ("Mr Erdogan said"), in this paragraph or an earlier one. A
    quotation given to somebody unnamed (`"…," said a protester.`) ends that: the next
    lone quote may be theirs, and is never credited to the speaker named before them.
    """

    def __init__(self) -> None:
        self.speaker: str | None = None
        self.since_named = NAMED_NEARBY + 1  # sentences noted since `speaker` was named

    def note(self, sentence: str) -> None:
        """Remember the speaker a sentence names; forget it when someone unnamed speaks."""
        speaker = _said_by(sentence)
        if speaker is not None and speaker.split()[0].lower() in _HE | _SHE | _PLURAL:
            speaker = self._resolved(speaker) or speaker  # "He added: …": who is he?
        self.since_named = 0 if speaker is not None else self.since_named + 1
        if speaker is not None:
            self.speaker = speaker

    def nearby_speaker(self) -> str | None:
        """The speaker named in one of the last `NAMED_NEARBY` sentences noted, if any."""
        return self.speaker if self.since_named < NAMED_NEARBY else None

    def _resolved(self, pronoun: str) -> str | None:
        """The person "He said" is: the last one named, unless the pronoun says otherwise."""
        word = pronoun.split()[0].lower()
        if self.speaker is None or word in _PLURAL or self.speaker.split()[0].lower() in (
                _HE | _SHE | _PLURAL):
            return None
        return self.speaker if _agrees(word, self.speaker) else None


_NAME = (
    r"(?:(?:Mr|Mrs|Ms|Dr|Sir|Lord|President|Minister)\s)?"
    r"[A-ZА-ЯЁІЇЄҐ][\w'’.-]+(?:\s[A-ZА-ЯЁІЇЄҐ][\w'’-]+){0,2}"
)
_SAYING = (
    r"(?:said|says|told|added|warned|argued|explained|wrote|admitted|insisted|claimed|"
    r"replied|continued|сказал|сказала|заявил|заявила|отметил|отметила|сказав|заявив|"
    r"a déclaré|a dit|a ajouté)"
)
# "wrote student protester Joshua Wong": a description, then the name.
_DESCRIBED_SPEAKER = re.compile(
    rf"\b{_SAYING}\s(?:(?!(?:on|in|at|to|for|by|with|after|before|during|last|this|that|and|"
    rf"but|the|of|a|an)\b)[a-z][\w-]*\s){{1,3}}(?P<after>{_NAME})"
)
# "said a protester using the pseudonym Katya": somebody the article does not name.
_UNNAMED_SPEAKER = re.compile(
    rf"\b{_SAYING}\s(?P<who>(?:a|an|one|another)\s"
    r"(?![^,.;:!?]*\b(?:is|was|are|were|will|would|had|has|have|should|could|must|can)\b)"
    r"[^\W\d][^,.;:!?\"“”«»()]{2,60})"
    r"(?=[,.;:!?]|\s*$)"  # they end the clause: "argued a change … was needed" names nobody
)
# Capitalised words opening a sentence before a verb of saying that name nobody
# ("Об этом заявил Дмитрий Песков": the speaker is after the verb, not «Об»).
_NOT_A_NAME = (r"(?!(?:Об|Это|Как|Так|Также|Тогда|Про|При|The|This|That|It|But|And|As|"
               r"Then|Also|So)\b)")
# "told BBC News" names who listened, and "the England coach added" a team, not a person.
_NAMED_SPEAKER = re.compile(
    rf"(?:(?<![Tt]he\s){_NOT_A_NAME}(?P<name>{_NAME})\s(?:\w+\s)?{_SAYING}\b)"
    rf"|(?:\b(?!told\b){_SAYING}\s(?P<after>{_NAME}))"
)
# "This was announced by Head of the delegation … David Arakhamia.": the name ends it.
_SPEAKER_BY = re.compile(
    r"\b(?:announced|stated|said|declared|noted|reported|explained)\sby\s"
    r"[^.!?\"“”«»]*?(?P<after>(?:[A-ZА-ЯЁІЇЄҐ][\w'’-]+\s){1,2}[A-ZА-ЯЁІЇЄҐ][\w'’-]+)\.?$"
)
#: `"…," he said.` is given the name only when it was named this close before it.
NAMED_NEARBY = 2
_PLURAL = frozenset({"we", "they", "i", "мы", "они", "я", "ми", "вони", "nous", "ils"})
_HE = frozenset({"he", "он", "він", "il"})
_SHE = frozenset({"she", "она", "вона", "elle"})
_PRONOUNS = "|".join(sorted(_HE | _SHE))
# `"We want it to be a working mechanism," he said.`: the whole quote, then a pronoun.
_PRONOUN_SAID = re.compile(
    rf"^[\"“«„](?P<body>[^\"“”«»„]{{2,}}?)[,.]?\s*[\"”»]\s*,?\s*[—–-]?\s*"
    rf"(?:(?P<before>{_PRONOUNS})\s{_SAYING}|{_SAYING}\s(?P<after>{_PRONOUNS}))\.?$",
    re.IGNORECASE,
)


class SaidByPronoun(str):
    """A sentence `"…," he said.` with the line to show when "he" is not named before it.

    The sentence itself is ranked and scored as written; the summary shows `attributed`
    only where the sentence naming the speaker is not shown just before it.
    """

    __slots__ = ("attributed",)
    attributed: str

    def __new__(cls, text: str, attributed: str) -> SaidByPronoun:
        """The sentence as written, carrying the line with its speaker named."""
        made = super().__new__(cls, text)
        made.attributed = attributed
        return made


def _said_by(sentence: str) -> str | None:
    """Who a sentence says is speaking: a name, or a description of somebody unnamed.

    "…," said a protester.` gives the next lone quote to "a protester", never to the
    speaker named before them (Hong Kong's leader, in the article that showed it).
    """
    match = (_NAMED_SPEAKER.search(sentence) or _DESCRIBED_SPEAKER.search(sentence)
             or _SPEAKER_BY.search(sentence.strip()))
    if match is not None:
        return _speaker_name(match)
    unnamed = _UNNAMED_SPEAKER.search(sentence)
    return None if unnamed is None else unnamed.group("who").strip()


def pronoun_quote(sentence: str, speaker: str) -> str | None:
    """What a quote said by "he" or "she" says, when `speaker` may be who that is; else None.

    A title that contradicts the pronoun (she, "Mr Smith") is no match, so nobody is
    given a quote that was not theirs.
    """
    match = _PRONOUN_SAID.match(sentence.strip())
    if match is None:
        return None
    pronoun = (match.group("before") or match.group("after")).lower()
    return match.group("body").strip() if _agrees(pronoun, speaker) else None


def _agrees(pronoun: str, speaker: str) -> bool:
    """Whether "he" or "she" may be `speaker`: only a title says otherwise ("Mr", "Ms")."""
    title = speaker.split()[0].rstrip(".").lower() if speaker.split() else ""
    return not ((pronoun in _SHE and title in {"mr", "sir", "lord"}) or (
        pronoun in _HE and title in {"mrs", "ms", "miss", "lady", "dame"}))


def _speaker_name(match: re.Match[str]) -> str:
    """The name a `_NAMED_SPEAKER` match found, without the sentence's full stop."""
    found = match.groupdict()
    return str(found.get("name") or found["after"]).rstrip(".")


def repair_quotes(sentence: str) -> str:
    """Close a quotation the splitter cut in two, so each half reads as a quote.

    `He said: "Not very good at this.` gets its closing mark; `partner," Mr Yushchenko
    said.` gets its opening one. Only a single missing straight, curly or angle mark is
    repaired; anything else is left for `junk_kind` to judge.
    """
    text = sentence.strip()
    if text.count('"') % 2 == 1:
        at = text.index('"')
        opening = at == 0 or text[at - 1].isspace() or text[at - 1] in ":(—–"
        return f'{text}"' if opening else f'"{text}'
    for first, last in (("“", "”"), ("«", "»")):
        gap = text.count(first) - text.count(last)
        if gap == 1 and "„" not in text:
            return text + last
        if gap == -1:
            return first + text
    return text


def readable_sentences(
    sentences: list[str], language: str | None = None, context: Context | None = None
) -> list[str]:
    """Keep the sentences of one paragraph a reader can take alone, turns attributed.

    A speaker label ("Nikolai Tokarev: …") opens a turn that lasts until the next label
    or the paragraph's end; every sentence of the turn carries the speaker. Lines said by
    the press ("Question: …") are dropped with their turn. A quotation cut in two by the
    splitter gets its missing mark back; one standing alone gets the speaker last named
    (`Context`), or is dropped when nobody was.
    """
    context = context or Context()
    kept: list[str] = []
    speaker: str | None = None
    sentences = _unglued(sentences)
    for at, sentence in enumerate(sentences):
        text = sentence
        turn = speaker_turn(sentence)
        if turn is not None and _is_label(turn.speaker):
            speaker, text = turn.speaker, strip_salutation(turn.text, language)
        if speaker is not None and is_questioner(speaker):
            continue
        nearby = context.nearby_speaker()
        context.note(text)
        kind = junk_kind(text, language)
        quote = kind in (Junk.UNATTRIBUTED_QUOTE, Junk.UNBALANCED)
        said_by = speaker or (quote and _closing_speaker(sentences, at)) or context.speaker
        if quote and said_by:
            quoted = repair_quotes(text)
            body = quoted.strip('"“”«»„ ')
            if junk_kind(quoted, language) is Junk.UNATTRIBUTED_QUOTE and not leans_back(
                body, language
            ):
                kept.append(attribute(body, said_by, language))
            continue
        if kind is not None or (speaker is not None and leans_back(text, language)):
            continue
        if speaker is None and nearby is not None and (
                said := pronoun_quote(text, nearby)) is not None:
            kept.append(SaidByPronoun(text, attribute(said, nearby, language)))
            continue
        kept.append(attribute(text, speaker, language) if speaker else text)
    return kept


def _unglued(sentences: list[str]) -> list[str]:
    """The sentences with run-in speaker labels split off (`glued_turn`), headings dropped."""
    pieces: list[str] = []
    for sentence in sentences:
        glued = glued_turn(sentence) if ":" in sentence else None
        if glued is None:
            pieces.append(sentence)
            continue
        tail, labelled = glued
        if tail:
            pieces.append(tail)
        pieces.append(labelled)
    return pieces


def _closing_speaker(sentences: list[str], at: int) -> str | None:
    """Who says the quotation opened at `sentences[at]`, named where it closes.

    `"I am surprised. It was weak," said Mr Smith.` is split into two sentences; the
    first is Mr Smith's although nobody was named before it. Only the sentence that
    closes the quotation is asked; a new quotation or speaker label first means the
    quotation was never closed, and nobody is guessed.
    """
    if _quote_state(sentences[at]) != "opens":
        return None
    for later in sentences[at + 1:]:
        state = _quote_state(later)
        if state == "opens" or speaker_turn(later) is not None:
            return None
        if state == "closes":
            return _said_by(later)
    return None


def _quote_state(sentence: str) -> str | None:
    """"opens" or "closes" for half of a quotation (see `repair_quotes`), else None."""
    repaired = repair_quotes(sentence)
    if repaired == sentence.strip():
        return None
    return "opens" if repaired.startswith(sentence.strip()) else "closes"


def _is_label(name: str) -> bool:
    """A speaker label worth a turn: a questioner, an initialled or a two-word name."""
    return is_questioner(name) or "." in name or len(name.split()) >= 2
