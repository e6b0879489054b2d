from pathlib import Path

import pytest

from digests.query import QueryError
from digests.topics import TopicError, UnknownTopic, load_topics, resolve_topic


def test_bundled_topics_load_and_include_russia_china() -> None:
    topics = load_topics()
    assert "russia-china" in topics
    assert topics["russia-china"].title == "Russia–China relations"
    assert len(topics) >= 5


@pytest.mark.parametrize("text", ["russia-china", "Russia China", "russia_china", " RUSSIA-CHINA "])
def test_topic_names_resolve_in_any_spelling(text: str) -> None:
    resolved = resolve_topic(text, load_topics())
    assert resolved.named
    assert resolved.topic.name == "russia-china"


def test_other_text_is_an_ad_hoc_query() -> None:
    resolved = resolve_topic("putin xi", load_topics())
    assert not resolved.named
    assert resolved.topic.title == "putin xi"


def test_a_mistyped_topic_name_suggests_the_right_one() -> None:
    with pytest.raises(UnknownTopic) as info:
        resolve_topic("russia-chna", load_topics())
    assert "russia-china" in info.value.suggestions


def test_strict_resolution_requires_a_name() -> None:
    with pytest.raises(UnknownTopic):
        resolve_topic("putin", load_topics(), strict=True)


def test_unsearchable_text_raises() -> None:
    with pytest.raises(QueryError):
        resolve_topic("***", load_topics())


def test_extra_topics_file_overrides_and_validates(tmp_path: Path) -> None:
    extra = tmp_path / "topics.toml"
    extra.write_text('[topics.arctic]\ntitle = "Arctic"\nquery = "arctic OR greenland"\n')
    assert "arctic" in load_topics(extra)
    extra.write_text('[topics."Bad Name"]\nquery = "x"\n')
    with pytest.raises(TopicError):
        load_topics(extra)
