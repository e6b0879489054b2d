import pytest

from digests.ingest.language import detect_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("President Xi arrived in Moscow on Wednesday for talks with Vladimir Putin.", "en"),
        ("Председатель КНР прибыл с официальным визитом в Российскую Федерацию.", "ru"),
        ("中国国家主席习近平抵达莫斯科，开始对俄罗斯进行国事访问。", "zh"),
        ("Президент України провів переговори з лідерами європейських держав.", "uk"),
    ],
)
def test_detects_news_languages(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_too_short_to_tell() -> None:
    assert detect_language("ok") is None


def test_long_input_is_bounded() -> None:
    assert detect_language("The talks went on. " * 50_000) == "en"
