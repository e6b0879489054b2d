"""Other reports of a story: other outlets once each, the lead outlet's own reports apart."""

from __future__ import annotations

from digests.models import Story
from digests.reports import other_reports
from tests.render.conftest import make_article, make_summary


def test_other_outlets_once_each_in_first_report_order_and_the_leads_outlet_apart() -> None:
    lead = make_article(id=1, source="Kremlin", url="https://kremlin.ru/1")
    others = (
        make_article(id=2, source="Kremlin", url="https://kremlin.ru/2"),
        make_article(id=3, source="TASS", url="https://tass.ru/3"),
        make_article(id=4, source="Xinhua", url="https://xinhua.cn/4"),
        make_article(id=5, source="TASS", url="https://tass.ru/5"),
        make_article(id=6, source="Kremlin", url="https://kremlin.ru/1"),  # the lead's page
        make_article(id=1, source="Kremlin", url=None),  # the lead itself
    )
    reports = other_reports(Story(lead=lead, summary=make_summary(), others=others))
    assert [(source, [a.id for a in arts]) for source, arts in reports.by_source] == [
        ("TASS", [3, 5]), ("Xinhua", [4])]
    assert [a.id for a in reports.same_source] == [2]


def test_reports_without_links_are_still_counted() -> None:
    lead = make_article(id=1, source="Wire", url=None)
    others = (make_article(id=2, source="Wire", url=None),
              make_article(id=3, source="Paper", url=None))
    reports = other_reports(Story(lead=lead, summary=make_summary(), others=others))
    assert [source for source, _ in reports.by_source] == ["Paper"]
    assert [a.id for a in reports.same_source] == [2]
