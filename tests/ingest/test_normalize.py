from digests.ingest.normalize import content_hash, normalize_text, words, words_hash


def test_lines_become_paragraphs_when_there_are_no_blank_lines() -> None:
    assert normalize_text("One line.\r\nTwo  \t line.\n") == "One line.\n\nTwo line."


def test_wrapped_paragraphs_are_joined() -> None:
    text = "First para\nwrapped here.\n\n\n  Second\u00a0para.  "
    assert normalize_text(text) == "First para wrapped here.\n\nSecond para."


def test_nfc_and_invisible_characters() -> None:
    assert normalize_text("Cafe\u0301\u200b ok\x07") == "Café ok"


def test_hash_ignores_case_punctuation_and_layout() -> None:
    first = content_hash("Putin met Xi — “no limits”, he said.\n\nThen left.")
    second = content_hash('putin met xi "no limits" he said then left')
    assert first == second
    assert first != content_hash("putin met xi no limits he said then stayed")


def test_cjk_characters_are_words() -> None:
    assert words("习近平 visits Moscow") == ["习", "近", "平", "visits", "moscow"]


def test_transcript_separators_become_paragraph_breaks() -> None:
    from digests.ingest.normalize import normalize_text

    assert normalize_text("Intro. * * * Putin: Dear Minister!") == "Intro.\n\nPutin: Dear Minister!"
    assert normalize_text("One.\n\nTwo * * * three.") == "One.\n\nTwo\n\nthree."
    assert normalize_text("a*b and 2 * 3") == "a*b and 2 * 3"


def test_a_separator_line_between_one_line_paragraphs_is_one_more_break() -> None:
    """It used to make blank lines, so the text was read as re-wrapped: "a b" (mutant 43)."""
    from digests.ingest.normalize import normalize_text

    assert normalize_text("a\nb\n* * *\nc") == "a\n\nb\n\nc"
    assert normalize_text("First.\nSecond.\n * * * \nThird.") == "First.\n\nSecond.\n\nThird."
    # in a text whose paragraphs are blank-line separated, it still ends a paragraph only
    assert normalize_text("a\nb\n* * *\nc\n\nd") == "a b\n\nc\n\nd"


def test_windows_and_old_mac_line_ends_read_as_line_ends() -> None:
    # A CRLF is one line end, not a blank line: the wrapped paragraph stays one paragraph.
    assert normalize_text("one\r\ntwo\r\n\r\nthree") == "one two\n\nthree"
    assert normalize_text("one\rtwo\rthree") == "one\n\ntwo\n\nthree"


def test_a_text_of_only_invisible_characters_and_spaces_is_empty() -> None:
    assert normalize_text(" \u200b\n\t\ufeff \r\n") == ""


def test_the_duplicate_key_is_the_sha256_of_the_words_joined_by_spaces() -> None:
    # Stored keys must stay the same across versions, or old copies stop being duplicates.
    expected = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"
    assert content_hash("Hello,  World!") == expected  # sha256(b"hello world")
    assert words_hash(["hello", "world"]) == expected
