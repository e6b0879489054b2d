"""Sentences a reader can take alone: every junk kind in every corpus language."""

from __future__ import annotations

import pytest

from digests.summarize import split_sentences, summarize
from digests.summarize.standalone import (
    BARE_QUOTE,
    FIRST_PERSON,
    LONG_KEY_POINT,
    POINTS_BACK,
    REPLY,
    UNNAMED_SUBJECT,
    Context,
    Junk,
    SaidByPronoun,
    attribute,
    glued_turn,
    junk_kind,
    key_point_kind,
    leans_back,
    points_back,
    readable_sentences,
    short_speaker,
    speaker_turn,
    spoken_text,
    strip_connective,
    strip_salutation,
    unnamed_subject,
)
from digests.summarize.summarizer import tokenizer_for
from digests.summarize.tokenizer import OfflineTokenizer

JUNK: list[tuple[str, str, Junk]] = [
    # greetings and salutations
    ("en", "Dear friends and colleagues!", Junk.GREETING),
    ("en", "Thank you very much.", Junk.GREETING),
    ("ru", "Уважаемый господин Министр!", Junk.GREETING),
    ("ru", "Очень рад Вас снова видеть.", Junk.GREETING),
    ("uk", "Шановні колеги, дорогі друзі!", Junk.GREETING),
    ("fr", "Mesdames et messieurs, bonjour !", Junk.GREETING),
    ("zh", "尊敬的各位来宾，女士们，先生们！", Junk.GREETING),
    # exclamations
    ("en", "Glory to Ukraine!", Junk.EXCLAMATION),
    ("ru", "Победа будет за нами!", Junk.EXCLAMATION),
    ("uk", "Героям слава, ми переможемо!", Junk.EXCLAMATION),
    ("uk", "Ми обов'язково переможемо в цій війні!", Junk.EXCLAMATION),
    ("fr", "Vive la République et vive la France !", Junk.EXCLAMATION),
    ("zh", "我们一定会取得最后的胜利！", Junk.EXCLAMATION),
    # questions addressed to readers
    ("en", "What are your experiences with call centres?", Junk.QUESTION),
    ("ru", "Что вы думаете о новых правилах?", Junk.QUESTION),
    ("uk", "Що ви думаєте про нові правила?", Junk.QUESTION),
    ("fr", "Que pensez-vous de ces nouvelles règles ?", Junk.QUESTION),
    ("zh", "你对新规定有什么看法？", Junk.QUESTION),
    # chart, legend, caption and credit lines
    ("en", "██ Conservative Party - 365 seats", Junk.CAPTION),
    ("en", "Image caption: Protesters gathered outside parliament.", Junk.CAPTION),
    ("ru", "Фото: пресс-служба Кремля.", Junk.CAPTION),
    ("uk", "Джерело: Офіс Президента України.", Junk.CAPTION),
    ("fr", "Crédit : AFP, tous droits réservés.", Junk.CAPTION),
    ("zh", "图片来源：新华社记者摄。", Junk.CAPTION),
    # fragments
    ("en", "And 30 percent of oil products", Junk.FRAGMENT),
    ("en", "…passes through the transit system.", Junk.FRAGMENT),
    ("en", "Yes, to China and the Asia-Pacific.", Junk.FRAGMENT),
    ("ru", "* * *", Junk.FRAGMENT),
    ("ru", "И так далее.", Junk.FRAGMENT),
    ("uk", "Та інше.", Junk.FRAGMENT),
    ("fr", "Et ainsi de suite.", Junk.FRAGMENT),
    ("zh", "据报道。", Junk.FRAGMENT),
    # cut at an abbreviation
    ("en", "The NHC's Hurricane Humberto Advisory Number 14, released at 11:00 p.m.",
     Junk.CUT),
    ("en", "The meeting was chaired by Mr.", Junk.CUT),
    ("ru", "Встреча прошла в Москве на ул.", Junk.CUT),
    ("fr", "Le texte a été présenté par Mme.", Junk.CUT),
    # unbalanced quotes or brackets
    ("en", "He said the deal (signed in May was historic.", Junk.UNBALANCED),
    ("en", "“We will never give up on our people and our land.", Junk.UNBALANCED),
    ("ru", "Он назвал переговоры «конструктивными и полезными.", Junk.UNBALANCED),
    ("uk", "Він назвав переговори «конструктивними та корисними.", Junk.UNBALANCED),
    ("fr", "Il a qualifié les négociations de « constructives et utiles.", Junk.UNBALANCED),
    ("zh", "他称谈判是《建设性的和有益的讨论过程。", Junk.UNBALANCED),
    # quotes without their speaker
    ("en", "“We will rebuild every city that was destroyed.”", Junk.UNATTRIBUTED_QUOTE),
    ("ru", "«Мы восстановим каждый разрушенный город».", Junk.UNATTRIBUTED_QUOTE),
    ("fr", "« Nous reconstruirons chaque ville détruite. »", Junk.UNATTRIBUTED_QUOTE),
    # very long sentences
    ("en", "The minister said " + "that the plan, which was long debated, " * 30 + "passed.",
     Junk.TOO_LONG),
    ("zh", "政府表示" + "该计划经过长期讨论" * 40 + "。", Junk.TOO_LONG),
]

GOOD: list[tuple[str, str]] = [
    ("en", "The President of Russia arrived in China on a visit at the invitation of Xi."),
    ("en", "No one was injured in the fire, the police said."),
    ("en", "“We will rebuild every city,” the mayor said on Monday."),
    ("en", "The advisory was released at 11:00 p.m. EDT on Sunday by the centre."),
    ("en", "Friends of the Earth said the plan would fail to cut emissions."),
    ("ru", "Председатель КНР прибыл с официальным визитом в Российскую Федерацию."),
    ("uk", "Президент України провів зустріч із прем'єр-міністром Польщі."),
    ("fr", "Le président a rencontré le Premier ministre à Paris mardi."),
    ("zh", "中国国家主席习近平抵达莫斯科进行国事访问。"),
]


@pytest.mark.parametrize(("language", "sentence", "kind"), JUNK)
def test_each_junk_kind_in_each_corpus_language(language: str, sentence: str,
                                                kind: Junk) -> None:
    assert junk_kind(sentence, language) is kind


@pytest.mark.parametrize(("language", "sentence"), GOOD)
def test_ordinary_news_sentences_stand_alone(language: str, sentence: str) -> None:
    assert junk_kind(sentence, language) is None


def test_every_corpus_language_has_every_main_kind() -> None:
    languages = {(language, kind) for language, _, kind in JUNK}
    for kind in (Junk.GREETING, Junk.QUESTION, Junk.CAPTION, Junk.FRAGMENT, Junk.UNBALANCED):
        assert {lang for lang, k in languages if k is kind} >= {"en", "ru", "uk", "fr", "zh"}


@pytest.mark.parametrize(
    ("sentence", "speaker", "text"),
    [
        ("Nikolai Tokarev: And 30 percent of oil products.", "Nikolai Tokarev",
         "And 30 percent of oil products."),
        ("В.Путин: Уважаемый господин Министр!", "В.Путин", "Уважаемый господин Министр!"),
        ("President of Russia Vladimir Putin: Mr Tokarev, Transneft holds a special place.",
         "President of Russia Vladimir Putin", "Mr Tokarev, Transneft holds a special place."),
    ],
)
def test_transcript_turns_are_split_into_speaker_and_text(sentence: str, speaker: str,
                                                          text: str) -> None:
    turn = speaker_turn(sentence)
    assert turn is not None
    assert (turn.speaker, turn.text) == (speaker, text)


@pytest.mark.parametrize("sentence", ["The result: a 5% fall in sales.", "Note: prices vary.",
                                      "At 10:30 the talks began."])
def test_colons_that_are_not_speakers(sentence: str) -> None:
    assert speaker_turn(sentence) is None


def test_a_turn_keeps_its_content_and_its_speaker_over_several_sentences() -> None:
    sentences = [
        "Vladimir Putin: So, the company's place is really unique for the whole industry.",
        "Nikolai Tokarev: And 30 percent of oil products.",
        "We have built 24,500 kilometres of new pipelines in fifteen years.",
        "Question: What about the Arctic routes and the new fleet?",
        "The fleet will be ready by 2027 according to the plan.",
    ]
    kept = readable_sentences(sentences, "en")
    assert kept == [
        "“So, the company's place is really unique for the whole industry” — Vladimir Putin",
        "“We have built 24,500 kilometres of new pipelines in fifteen years” — Nikolai Tokarev",
    ]
    assert [spoken_text(line) for line in kept][1] == (
        "We have built 24,500 kilometres of new pipelines in fifteen years")


@pytest.mark.parametrize(("language", "line"), [
    ("ru", "«Мы вместе отметим этот юбилей» — В.Путин"),
    ("fr", "« Nous allons continuer les négociations » — Emmanuel Macron"),
    ("uk", "«Ми продовжимо роботу над угодою» — Володимир Зеленський"),
])
def test_attributed_quotes_use_the_language_marks(language: str, line: str) -> None:
    said = spoken_text(line)
    speaker = line.rsplit(" — ", 1)[1]
    assert attribute(said + ".", speaker, language) == line
    assert junk_kind(line, language) is None


@pytest.mark.parametrize(("language", "sentence"), [
    ("en", "He added that the talks would continue next week."),
    ("en", "But the minister refused to comment on the plan."),
    ("en", "This was the third rate rise of the year."),
    ("ru", "Он добавил, что переговоры продолжатся."),
    ("ru", "Однако министр отказался от комментариев."),
    ("uk", "Проте міністр відмовився від коментарів."),
    ("fr", "Cependant, le ministre a refusé de commenter."),
    ("zh", "但是部长拒绝发表评论。"),
])
def test_sentences_pointing_back(language: str, sentence: str) -> None:
    assert points_back(sentence, language)


@pytest.mark.parametrize(("language", "sentence"), GOOD)
def test_ordinary_openings_do_not_point_back(language: str, sentence: str) -> None:
    assert not points_back(sentence, language)


@pytest.mark.parametrize(("language", "sentence", "shorter"), [
    ("en", "However, the minister refused to comment on the plan.",
     "The minister refused to comment on the plan."),
    ("ru", "Однако министр отказался от комментариев по плану.",
     "Министр отказался от комментариев по плану."),
    ("fr", "Cependant, le ministre a refusé de commenter le plan.",
     "Le ministre a refusé de commenter le plan."),
])
def test_a_connective_is_dropped_from_a_first_line(language: str, sentence: str,
                                                   shorter: str) -> None:
    assert strip_connective(sentence, language) == shorter
    assert strip_connective("He added that the talks would go on.", "en") is None


def test_a_clock_time_is_not_cut_from_its_time_zone() -> None:
    text = ("The NHC's Hurricane Humberto Advisory Number 14, released at 11:00 p.m. EDT on "
            "Sunday, placed Humberto west of Bermuda. The storm weakened later in the day.")
    assert OfflineTokenizer("en").to_sentences(text)[0].endswith("west of Bermuda.")


def test_junk_never_reaches_a_summary_and_the_first_line_stands_alone() -> None:
    text = (
        "Dear colleagues!\n\n"
        "██ Conservative Party - 365 seats\n\n"
        "The government announced a new plan to build homes across the country. "
        "It said the plan would cost ten billion pounds over five years. "
        "What are your experiences with housing?\n\n"
        "He added that the first homes would be ready in 2026. "
        "Builders welcomed the plan to build new homes across the country. "
        "Glory to the builders!"
    )
    assert all(junk_kind(s, "en") is None for s in split_sentences(text, "en"))
    for algorithm in ("hybrid", "lexrank", "lsa", "lead", "textrank"):
        summary = summarize(text, language="en", algorithm=algorithm, length=2)
        assert summary.sentences
        assert all(junk_kind(s, "en") is None for s in summary.sentences)
        assert not points_back(summary.sentences[0], "en")


def test_text_with_no_standalone_sentence_is_shown_as_written() -> None:
    summary = summarize("Hello! Thanks.", language="en", algorithm="hybrid", length=2)
    assert summary.sentences == ("Hello!", "Thanks.")
    assert summary.note is not None
    assert "stands alone" in summary.note


# --- what the filter must keep: news lines BBC's references hold (issue 11.2 quality gate) ---


@pytest.mark.parametrize("sentence", [
    "Credit card debt is falling, with only one in 13 cards now in default.",
    "Video games on consoles and computers proved more popular than ever in 2004.",
    "Source code for the game was published on Monday by its makers.",
])
def test_a_caption_word_opening_a_news_sentence_is_no_caption(sentence: str) -> None:
    assert junk_kind(sentence, "en") is None


@pytest.mark.parametrize("sentence", ["Photo: Reuters.", "(Photo by AP)", "Video - the moment"
                                      " the bridge fell.", "Фото — пресс-служба Кремля."])
def test_caption_words_with_a_separator_are_captions(sentence: str) -> None:
    assert junk_kind(sentence, "ru" if "Фото" in sentence else "en") is Junk.CAPTION


@pytest.mark.parametrize("sentence", [
    'He added: "Everyone knows tax will go up under Labour: isn\'t it now clear which tax?"',
    'Glen Wood of Deutsche Securities asks; "Who is going to fund the pension fund?"',
])
def test_a_reported_question_is_news_not_a_question_to_readers(sentence: str) -> None:
    assert junk_kind(sentence, "en") is None


def test_a_transcript_question_stays_a_question() -> None:
    assert junk_kind("“Who is going to pay for all of this?” — Vladimir Putin", "en") is (
        Junk.QUESTION)


def test_a_quotation_gets_the_speaker_named_where_it_closes() -> None:
    sentences = [
        "Singapore's economy grew by 2.4% in the fourth quarter.",
        '"I am surprised at the weak fourth quarter number.',
        'The main drag came from electronics," said Lian Chia Liang, economist at JP Morgan.',
    ]
    kept = readable_sentences(sentences, "en")
    assert kept[1] == "“I am surprised at the weak fourth quarter number” — Chia Liang"
    assert kept[2] == sentences[2]


def test_a_quotation_never_closed_gets_no_guessed_speaker() -> None:
    sentences = ['"I am surprised at the weak fourth quarter number.',
                 '"Another quotation opens here and never closes.',
                 'It was weak," said Lian Chia Liang.']
    assert readable_sentences(sentences, "en")[:1] != [
        "“I am surprised at the weak fourth quarter number” — Chia Liang"]


def test_a_title_with_a_colon_is_no_speaker() -> None:
    sentence = ("Shake Hands With The Devil: The Journey of Romeo Dallaire tells of a UN "
                "mission to Rwanda.")
    assert speaker_turn(sentence) is None
    assert readable_sentences([sentence, "The film opens in May across the country."],
                              "en") == [sentence, "The film opens in May across the country."]


def test_a_short_clause_opening_with_but_may_follow_others() -> None:
    assert junk_kind("But unemployment remains high at about 10%.", "en") is None
    assert junk_kind("And 30 percent of oil products.", "en") is Junk.FRAGMENT


def test_the_speaker_named_before_a_lone_quote_has_no_trailing_full_stop() -> None:
    sentences = ['"The technology is here," said Mr Monteith.',
                 '"We knew Japan would be the first place to have the handsets."']
    assert readable_sentences(sentences, "en")[1].endswith("— Mr Monteith")


def test_attributed_quotes_are_ranked_on_what_was_said() -> None:
    from digests.summarize.document import build_document

    tokenizer = OfflineTokenizer("en")
    document = build_document(
        '"The technology is here," said Mr Monteith.\n\n'
        '"We knew Japan would be the first place to have the handsets."', tokenizer)
    quote = document.sentences[1]
    assert str(quote).endswith("— Mr Monteith")
    assert "Monteith" not in quote.words  # the added name would make every quote central
    assert quote.words[:3] == ("We", "knew", "Japan")


# --- key points: read first and alone (issue 11.2, 11.6) ---


def test_a_long_line_may_be_a_story_line_but_not_a_key_point() -> None:
    line = "The minister said " + "that the plan, which was long debated, " * 8 + "passed."
    assert 300 < len(line) <= 800
    assert junk_kind(line, "en") is None
    assert key_point_kind(line, "en") == LONG_KEY_POINT


@pytest.mark.parametrize(("language", "line"), [
    ("ru", "«Мы ничего не знаем» — В.Путин"),
    ("en", "“Nobody knows anything at all” — Vladimir Putin"),
])
def test_a_short_quote_without_its_subject_is_no_key_point(language: str, line: str) -> None:
    assert key_point_kind(line, language) == BARE_QUOTE


def test_a_quote_that_says_something_is_a_key_point() -> None:
    line = "«Мы вместе отметим этот юбилей в Пекине в следующем году» — В.Путин"
    assert key_point_kind(line, "ru") is None
    assert key_point_kind("But the talks went on.", "en") == POINTS_BACK


# --- issue 11.2: quotes and lines that lean on what the digest does not show ---


@pytest.mark.parametrize(("language", "line"), [
    ("ru", "«Я считаю, что это абсолютно не так» — В.Путин"),
    ("ru", "«Это у них надо спросить» — В.Путин"),
    ("ru", "«Поэтому это дело Китайской Народной Республики» — В.Путин"),
    ("ru", "«Нас это не касается» — В.Путин"),
    ("uk", "«Я вважаю, що це абсолютно не так» — В.Зеленський"),
    ("uk", "«Тому це справа Китайської Народної Республіки» — В.Зеленський"),
    ("en", "“I think that is absolutely wrong” — Vladimir Putin"),
    ("en", "“So it is a matter for China alone” — Vladimir Putin"),
])
def test_a_short_quote_leaning_on_what_is_not_shown_is_junk(language: str, line: str) -> None:
    assert junk_kind(line, language) is Junk.CONTEXT_QUOTE
    assert key_point_kind(line, language) == Junk.CONTEXT_QUOTE.value


@pytest.mark.parametrize(("language", "line"), [
    ("ru", "«Мы вместе отметим этот юбилей в Пекине в следующем году» — В.Путин"),
    ("ru", "«Вы правильно отметили: в этом году исполняется 80 лет Победы» — Ван И"),
    ("ru", "«Китай поддерживает диалог России и США» — Ван И"),
    ("uk", "«Україна отримає нові системи протиповітряної оборони» — В.Зеленський"),
    ("en", "“I think our trade will double within five years” — Xi Jinping"),
    ("en", "“Russia and China will sign a dozen agreements” — Vladimir Putin"),
])
def test_a_quote_with_its_own_subject_stands(language: str, line: str) -> None:
    assert junk_kind(line, language) is None
    assert not leans_back(line, language)


def test_a_transcript_answer_cut_from_its_question_is_dropped_with_others_kept() -> None:
    sentences = [
        "В.Путин: Я считаю, что это абсолютно не так.",
        "Это у них надо спросить.",
        "Российско-китайская торговля выросла на треть за прошлый год.",
    ]
    assert readable_sentences(sentences, "ru") == [
        "«Российско-китайская торговля выросла на треть за прошлый год» — В.Путин",
    ]


@pytest.mark.parametrize("label", [
    "President of the People's Republic of China Xi Jinping(retranslated)",
    "President of the People's Republic of China Xi Jinping (retranslated)",
])
def test_a_retranslated_turn_is_a_transcript_turn(label: str) -> None:
    sentence = f"{label}: Russia and China will build a new gas pipeline through Mongolia."
    turn = speaker_turn(sentence)
    assert turn is not None
    assert turn.speaker == "President of the People's Republic of China Xi Jinping"
    assert readable_sentences([sentence], "en") == [
        "“Russia and China will build a new gas pipeline through Mongolia” — Xi Jinping"
    ]


POINTING_LINES = [
    ("ru",
     "Лидеры обсудили торговлю и энергетику на переговорах в Кремле. "
     "Стороны договорились расширить поставки газа в следующем году.\n\n"
     "Лидеры подчеркнули, что российско-китайская связка стабилизирует мировые дела. "
     "Она носит стратегический характер и не направлена против кого-либо.\n\n"
     "Разговор носил тёплый и дружеский характер по оценке обеих сторон.",
     "Она носит"),
    ("uk",
     "Лідери обговорили торгівлю та енергетику на переговорах у Києві. "
     "Сторони домовилися розширити постачання газу наступного року.\n\n"
     "Лідери наголосили, що партнерство двох країн стабілізує світові справи. "
     "Воно має стратегічний характер і не спрямоване проти будь-кого.\n\n"
     "Розмова мала теплий і дружній характер за оцінкою обох сторін.",
     "Воно має"),
    ("en",
     "The leaders discussed trade and energy at talks in the Kremlin. "
     "The sides agreed to expand gas supplies next year.\n\n"
     "The leaders stressed that the partnership stabilises world affairs. "
     "It is strategic in nature and is not directed against anyone.\n\n"
     "The conversation was warm and friendly according to both sides.",
     "It is strategic"),
    # issue 11.2: the subject is a pronoun, not the first word («Прежде всего связана она»)
    ("ru",
     "Министр иностранных дел Китая прибыл в Москву с рабочим визитом и встретился с "
     "Президентом России. Программа визита министра в Москве большая и насыщенная.\n\n"
     "Прежде всего связана она с подготовкой визита Председателя Китая в Москву на "
     "торжества в мае. Визит Председателя Китая в Москву станет главным событием весны.\n\n"
     "Министры обсудили торговлю и энергетику.",
     "Прежде всего связана она"),
    ("uk",
     "Міністр закордонних справ Китаю прибув до Києва з робочим візитом і зустрівся з "
     "Президентом України. Програма візиту міністра в Києві велика й насичена.\n\n"
     "Насамперед пов'язана вона з підготовкою візиту Голови Китаю до Києва у травні. "
     "Візит Голови Китаю до Києва стане головною подією весни.\n\n"
     "Міністри обговорили торгівлю та енергетику.",
     "Насамперед пов'язана вона"),
    ("en",
     "The Chinese foreign minister arrived in Moscow for talks with the Russian president. "
     "The foreign minister's programme in Moscow is long and busy.\n\n"
     "Following the talks, they are expected to prepare the Chinese president's visit to "
     "Moscow in May. The visit of the Chinese president to Moscow will be the main event "
     "of the spring.\n\n"
     "The ministers discussed trade and energy.",
     "Following the talks, they"),
]


@pytest.mark.parametrize(("language", "text", "opening"), POINTING_LINES)
def test_a_line_pointing_back_is_shown_only_after_what_it_points_to(
    language: str, text: str, opening: str
) -> None:
    everything = [str(s) for s in tokenizer_for(language).to_sentences(text.replace("\n", " "))]
    at = next(i for i, s in enumerate(everything) if s.startswith(opening))
    for algorithm in ("hybrid", "lexrank", "lsa", "textrank", "lead"):
        for length in (2, 3, 4):
            lines = summarize(text, language=language, algorithm=algorithm, length=length)
            shown = list(lines.sentences)
            for position, line in enumerate(shown):
                if line.startswith(opening):
                    assert position > 0
                    assert shown[position - 1] == everything[at - 1]


@pytest.mark.parametrize(("language", "line"), [
    ("en", "I regard these relations as a shining example of interstate cooperation."),
    ("ru", "Мы рассчитываем на расширение поставок газа в Китай в следующем году."),
    ("uk", "Ми розраховуємо на нові системи протиповітряної оборони цього року."),
])
def test_a_first_person_line_without_its_speaker_is_no_key_point(
    language: str, line: str
) -> None:
    assert junk_kind(line, language) is None  # a story line under its speaker's article
    assert key_point_kind(line, language) == FIRST_PERSON


def test_a_first_person_quote_with_its_speaker_is_a_key_point() -> None:
    line = "“I regard these relations as a shining example of cooperation” — Vladimir Putin"
    assert key_point_kind(line, "en") is None


# --- issue 11.2: key points built on a pronoun, labels run into a turn, courtesies ---


@pytest.mark.parametrize(("language", "line"), [
    ("ru", "«Прежде всего связана она с подготовкой визита в Россию Председателя КНР» — В.Путин"),
    ("ru", "В ходе визита они обсудили торговлю, энергетику и поставки газа в Китай."),
    ("uk", "Під час візиту вони обговорили торгівлю, енергетику та постачання газу."),
    ("en", "Following the visit, they are expected to adopt a joint statement on trade."),
    ("en", "Ten years later, he led the Soviet part of the Apollo–Soyuz mission."),
    ("fr", "Lors de la visite, ils ont discuté du commerce et de l'énergie avec Pékin."),
    ("zh", "访问期间他们讨论了贸易和能源合作问题。"),
])
def test_a_key_point_whose_subject_is_a_pronoun_for_someone_not_shown(
    language: str, line: str
) -> None:
    assert junk_kind(line, language) is None  # a story line, under what it refers to
    assert unnamed_subject(spoken_text(line), language)
    assert key_point_kind(line, language) == UNNAMED_SUBJECT


@pytest.mark.parametrize(("language", "line"), [
    ("en", "The minister said he would resign after the vote on Tuesday."),
    ("en", "Xi Jinping stressed that he respected the actions of the Russian leadership."),
    ("en", "UNICEF reported they had delivered over 105 thousand doses of vaccine."),
    ("en", "Yesterday, the Queen announced she will comply with the request."),
    ("ru", "Министр заявил, что он уйдёт в отставку после голосования."),
    ("ru", "Гидроэнергия – она дешёвая и к тому же экологически чистая."),
    ("ru", "В Кремле Владимир Путин сказал, что они обсудили поставки газа."),
    ("uk", "Президент України заявив, що вони обговорили постачання газу."),
    ("fr", "Le ministre a dit qu'elle partirait après le vote de mardi."),
    ("zh", "美国和其他国家也表示支持这一倡议。"),
])
def test_a_pronoun_after_its_name_or_in_reported_speech_is_no_unnamed_subject(
    language: str, line: str
) -> None:
    assert not unnamed_subject(line, language)
    assert key_point_kind(line, language) is None


@pytest.mark.parametrize(("sentence", "tail", "label"), [
    ("Beginning of Russia-China talks President of Russia Vladimir Putin: "
     "Trade between our countries grew by a third this year.", None,
     "President of Russia Vladimir Putin"),
    ("*** Beginning of Russian-Chinese talks President of the People's Republic of China "
     "Xi Jinping(retranslated): We regard this meeting as a very good sign.", None,
     "President of the People's Republic of China Xi Jinping"),
    ("We completed the railway bridge across the Don River… Vladimir Putin: "
     "What is the deadline for the Zeya bridge?",
     "We completed the railway bridge across the Don River…", "Vladimir Putin"),
    ("Начало российско-китайских переговоров В.Путин: Торговля между нашими странами "
     "выросла на треть.", None, "В.Путин"),
    ("Початок переговорів Президент України Володимир Зеленський: Ми домовилися про "
     "нові поставки.", None, "Президент України Володимир Зеленський"),
    ("Début des entretiens Président de la République Emmanuel Macron: Nous avons "
     "parlé du commerce.", None, "Président de la République Emmanuel Macron"),
])
def test_a_heading_run_into_a_speaker_label_is_split_off(
    sentence: str, tail: str | None, label: str
) -> None:
    glued = glued_turn(sentence)
    assert glued is not None
    assert glued[0] == tail
    turn = speaker_turn(glued[1])
    assert turn is not None
    assert turn.speaker == label


@pytest.mark.parametrize("sentence", [
    "It is suggested the guarantors will be members of the UN Security Council: the US, China.",
    "He told BBC Radio Five Live: It was the best day of his career.",
    "The message reads, in part: This project has shown the importance of cooperation.",
    "Вы правильно отметили: в этом году исполняется 80 лет Победы.",
    "Then, Xi Jinping said: If our neighbours have a joyous occasion, we go there.",
    "Le ministre a déclaré à la presse Jean Dupont: Nous signerons l'accord demain.",
])
def test_prose_with_a_colon_is_no_glued_turn(sentence: str) -> None:
    assert glued_turn(sentence) is None


def test_a_glued_turn_gives_the_speech_its_speaker_and_drops_the_heading() -> None:
    sentences = [
        "Vladimir Putin held talks, via videoconference, with Xi Jinping.",
        "Beginning of Russia-China talks President of Russia Vladimir Putin: "
        "President Xi, my dear friend, I am delighted to see you.",
        "I regard these relations as a shining example of interstate cooperation.",
    ]
    assert readable_sentences(sentences, "en") == [
        "Vladimir Putin held talks, via videoconference, with Xi Jinping.",
        "“I regard these relations as a shining example of interstate cooperation” "
        "— Vladimir Putin",
    ]


@pytest.mark.parametrize(("language", "sentence", "speech"), [
    ("en", "President Xi Jinping, President Ramaphosa, Prime Minister Modi, ladies and "
     "gentlemen, To begin with, the BRICS format has increased its prestige.",
     "To begin with, the BRICS format has increased its prestige."),
    ("en", "Colleagues, friends, First, the world economy needs new rules of trade.",
     "First, the world economy needs new rules of trade."),
    ("ru", "Господин Председатель, дамы и господа, Прежде всего торговля выросла на треть.",
     "Прежде всего торговля выросла на треть."),
    ("uk", "Пане Президенте, колеги, Торгівля між нашими країнами зросла на третину.",
     "Торгівля між нашими країнами зросла на третину."),
    ("fr", "Monsieur le Président, mesdames et messieurs, Le commerce a augmenté d'un tiers.",
     "Le commerce a augmenté d'un tiers."),
    ("zh", "女士们，先生们，今年两国贸易增长了三分之一。", "今年两国贸易增长了三分之一。"),
])
def test_a_salutation_run_into_a_speech_is_cut_off(
    language: str, sentence: str, speech: str
) -> None:
    assert strip_salutation(sentence, language) == speech


@pytest.mark.parametrize("sentence", [
    "Britain, France, Germany and Italy signed the deal on Monday.",
    "He thanked his colleagues, friends, Family members and fans for their support.",
    "Ladies and gentlemen, thank you.",
])
def test_lists_that_are_no_salutation_stay(sentence: str) -> None:
    assert strip_salutation(sentence, "en") == sentence


@pytest.mark.parametrize(("name", "short"), [
    ("President of Russia Vladimir Putin", "Vladimir Putin"),
    ("President of Mongolia Ukhnaagiin Khurelsukh Khurelsukh UkhnaagiinPresident of Mongolia",
     "Khurelsukh Ukhnaagiin"),
    ("Khurelsukh Ukhnaagiin President of Mongolia", "Khurelsukh Ukhnaagiin"),
    ("В.Путин", "В.Путин"),
    ("President of Mongolia", "President of Mongolia"),
])
def test_a_quote_keeps_the_speakers_name_not_a_piece_of_the_title(name: str,
                                                                  short: str) -> None:
    assert short_speaker(name) == short


@pytest.mark.parametrize(("language", "line"), [
    ("en", "“To begin with, I would like to join the previous speakers in thanking President "
     "Xi and all our Chinese friends for their efforts this year” — Vladimir Putin"),
    ("ru", "«Хочу поблагодарить китайских друзей за тёплый приём в Пекине» — В.Путин"),
    ("uk", "«Я хочу подякувати нашим партнерам у Європі за підтримку української армії» "
     "— В.Зеленський"),
    ("fr", "« Je tiens à remercier nos partenaires pour leur soutien » — Emmanuel Macron"),
    ("zh", "“我们衷心感谢俄罗斯朋友的热情接待和周到安排” — 习近平"),
])
def test_thanks_are_no_key_point(language: str, line: str) -> None:
    assert key_point_kind(line, language) == Junk.GREETING.value
    assert key_point_kind("Xi Jinping thanked Vladimir Putin for his support of the "
                          "One China principle.", "en") is None


@pytest.mark.parametrize(("language", "line"), [
    ("ru", "«" + "Председатель Китайской Народной Республики будет у нас основным гостем, "
     "и мы обсудим двусторонние отношения и взаимодействие на международных площадках, "
     "среди которых ООН, Совет Безопасности ООН, Шанхайская организация сотрудничества, "
     "БРИКС и ряд других площадок, на которых мы совместно и успешно работаем многие годы"
     + "» — В.Путин"),
    ("ru", "Председатель Китайской Народной Республики будет основным гостем торжеств, и "
     "лидеры обсудят двусторонние отношения и взаимодействие на международных площадках, "
     "среди которых ООН, Совет Безопасности ООН, Шанхайская организация сотрудничества, "
     "БРИКС и ряд других площадок, на которых страны совместно работают уже много лет."),
    ("uk", "«" + "Голова Китайської Народної Республіки буде у нас головним гостем, і ми "
     "обговоримо двосторонні відносини та взаємодію на міжнародних майданчиках, серед яких "
     "ООН, Рада Безпеки ООН, Шанхайська організація співробітництва, БРІКС та низка інших "
     "майданчиків, на яких ми спільно й успішно працюємо вже багато років" + "» — В.Зеленський"),
])
def test_a_long_russian_or_quoted_line_is_no_key_point(language: str, line: str) -> None:
    assert 300 < len(line) <= 800
    assert junk_kind(line, language) is None
    assert key_point_kind(line, language) == LONG_KEY_POINT


def test_a_lone_quote_after_somebody_unnamed_spoke_is_not_given_to_the_last_name() -> None:
    context = Context()
    readable_sentences(['"Our citizens have been injured in violent incidents," Lam '
                        'continued in the statement.'], "en", context)
    kept = readable_sentences([
        '"She is just doing this to try and break up the movement.',
        'A lot of people think that," said a protester using the pseudonym Katya.',
    ], "en", context)
    assert kept[0] == ("“She is just doing this to try and break up the movement” "
                       "— a protester using the pseudonym Katya")
    later = readable_sentences(['"Not even Beijing knows how to sort this out now."'], "en",
                               context)
    assert later == ["“Not even Beijing knows how to sort this out now” "
                     "— a protester using the pseudonym Katya"]


def test_a_speaker_described_before_the_name_is_that_name() -> None:
    kept = readable_sentences([
        '"Whenever there are signs of a concession," wrote student protester Joshua Wong.',
        '"They always come with a far tighter grip on civil rights."',
    ], "en", Context())
    assert kept[1] == "“They always come with a far tighter grip on civil rights” — Joshua Wong"



@pytest.mark.parametrize(("named", "speaker"), [
    # «Об этом заявил …»: the name follows the verb; "Об" was taken for one.
    (["Об этом заявил Дмитрий Песков."], "Дмитрий Песков"),
    # "But he said": the quote was given to "But".
    (["Jack Straw said the embargo would stay.", "But he said a review was due."],
     "Jack Straw"),
    # "He added" after a name: he is the man just named, not "He".
    (["Mr Straw said the embargo would stay.", "He added that a review was due."],
     "Mr Straw"),
    # Named at the end of a passive sentence.
    (["This was announced by Head of the Ukrainian delegation, Head of the Servant of the "
      "People faction David Arakhamia."], "David Arakhamia"),
])
def test_a_lone_quote_is_given_to_who_was_named_not_to_a_word_before_the_verb(
        named: list[str], speaker: str) -> None:
    # BBC digests showed "— He", "— But", "— The", "— Uefa's" under quotes.
    quote = '"The arms embargo is not going to be lifted before the summer."'
    kept = readable_sentences([*named, quote], "en", Context())
    assert kept[-1].endswith(f"— {speaker}"), kept


@pytest.mark.parametrize("named", [
    "Leigh, who had three Oscar nominations before, told BBC News 24 it was amazing.",
    "However, the England coach added that he would take some positives from the defeat.",
    "His party leader argued a change in direction was needed to get a grip on spending.",
])
def test_a_listener_a_team_or_a_clause_is_no_speaker(named: str) -> None:
    kept = readable_sentences([named, '"We have lost a game we should have won."'], "en",
                              Context())
    assert not any(line.endswith(("— BBC News", "— England", "— a change in direction was "
                                  "needed to get a grip on spending")) for line in kept), kept


@pytest.mark.parametrize(("language", "line"), [
    # The first key point of the Russia–China digest in Russian.
    ("ru", "«Вы правильно отметили: в этом году исполняется 80 лет Великой Победы в "
           "антифашистской войне, 80 лет основания ООН» — Ван И"),
    ("en", "“As you said, the relations between our countries are the best in their "
           "history” — Xi Jinping"),
    ("en", "“You are absolutely right that the talks must go on next week” — Mr Lavrov"),
    ("uk", "«Як ви слушно зазначили, переговори триватимуть наступного тижня» — Дмитро Кулеба"),
    ("fr", "« Comme vous l'avez dit, les négociations reprendront la semaine prochaine » "
           "— Jean-Yves Le Drian"),
])
def test_a_reply_to_the_person_spoken_to_is_no_key_point(language: str, line: str) -> None:
    assert key_point_kind(line, language) == REPLY


@pytest.mark.parametrize(("language", "line"), [
    ("ru", "«Вы знаете, что мы работаем над новыми проектами в энергетике и транспорте» "
           "— В.Путин"),
    ("en", "Young voters said they were right to expect more from the new government."),
])
def test_a_line_merely_mentioning_you_can_be_a_key_point(language: str, line: str) -> None:
    assert key_point_kind(line, language) is None


def test_a_russian_quote_said_by_on_carries_the_name_given_just_before() -> None:
    said = "«Переговоры продолжатся на следующей неделе в Стамбуле», — сказал он."
    kept = readable_sentences(["Об этом заявил Дмитрий Песков.", said], "ru", Context())
    assert kept[-1] == said  # ranked and scored as written
    assert isinstance(kept[-1], SaidByPronoun)
    assert kept[-1].attributed == ("«Переговоры продолжатся на следующей неделе в Стамбуле» "
                                   "— Дмитрий Песков")


@pytest.mark.parametrize("sentences", [
    # Named three sentences before: someone else may have spoken in between.
    ["Mr Smith said the figures were poor.", "The chair disagreed with him.",
     "Others in the room stayed silent.", '"The figures are the best in a decade," he said.'],
    # Named just before, but the pronoun says it is somebody else.
    ["The figures were poor, said Mr Smith.", '"The figures are the best in a decade," she said.'],
])
def test_a_pronoun_quote_is_not_given_to_a_name_that_may_not_be_its_speaker(
        sentences: list[str]) -> None:
    assert not isinstance(readable_sentences(sentences, "en", Context())[-1], SaidByPronoun)
