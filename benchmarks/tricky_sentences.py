"""Tricky news sentences for comparing sentence splitters: (language, expected sentences)."""

from __future__ import annotations

TRICKY_CASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("en", ("The U.S. economy grew 3.5% in the first quarter.", "Analysts had expected less.")),
    ("en", ("Mr. Smith met Dr. Jones on Jan. 5 in Washington.", "They discussed trade.")),
    ("en", ('"We will not back down," the minister said.', "Talks resume on Monday.")),
    ("en", ("The novel by J. R. R. Tolkien sold well.", "Sales rose again in 2004.")),
    ("en", ("Shares of Apple Inc. rose 2.4% to $150.25 on Friday.", "The Nasdaq fell.")),
    ("en", ("He moved to the U.S.", "Then he started a company.")),
    ("en", ('She asked: "Is it over?"', "Nobody answered.")),
    ("en", ("Prices rose (see p. 4) in Jan. and Feb. last year.", "Rents too.")),
    ("en", ("It was worth £1.2bn, the BBC said.", "It was sold in 2003.")),
    ("en", ("The St. Louis team won 3-1 at 7 p.m. on Sunday.", "Fans celebrated.")),
    ("en", ("Gen. Petraeus arrived at 10 a.m. local time.", "He left at noon.")),
    ("en", ("Nippon Steel agreed to pay more for iron ore.", "China's Baosteel said it.")),
    ("en", ('"It is bad."', '"It is worse," he said.', "Then he left.")),
    ("ru", ("В 2004 г. компания выросла на 3,5%.", "Аналитики ждали меньшего.")),
    ("ru", ("Речь идёт о расходах, т.е. о бюджете.", "Депутаты спорят.")),
    ("ru", ("Президент В. В. Путин прибыл в Пекин.", "Его встретил Си Цзиньпин.")),
    ("ru", ("«Мы не отступим», — заявил министр.", "Переговоры продолжатся.")),
    ("ru", ("Цена выросла до 5 тыс. руб. за тонну.", "Спрос упал.")),
    ("de", ("Die Firma wuchs z. B. im Jan. um 3,5 Prozent.", "Analysten waren überrascht.")),
    ("de", ("Am 3. Oktober feiert Deutschland.", "Viele haben frei.")),
    ("fr", ("M. Dupont est arrivé à Paris.", "Il a parlé aux journalistes.")),
    ("zh", ("今天天气很好。", "我们去公园吧！", "你去吗？")),
)
