from letters.selectors import letter_by_code, letter_by_sha256, letters_about


def test_letters_about_lists_an_objects_letters_newest_last(issue, about):
    first = issue("acceptance_notice")
    second = issue("objection_reply")
    issue("objection_reply", about=first)  # about another object
    assert list(letters_about(about)) == [first, second]


def test_selectors_find_a_letter_by_its_code_typed_loosely(issue):
    letter = issue()
    typed = letter.verification_code_display.lower().replace("0", "o")
    assert letter_by_code(typed) == letter
    assert letter_by_code("nonsense") is None


def test_a_letter_is_found_by_the_hash_of_its_pdf(issue):
    letter = issue()
    assert letter_by_sha256(letter.sha256.upper()) == letter
    assert letter_by_sha256("") is None
