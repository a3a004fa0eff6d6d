"""Folding for search: accents, case and other alphabets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.text import fold, like_pattern, phone_key, search_terms


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("nicolo", "Nicolò"),
        ("dorđ", "Đorđević"),
        ("DORDEVIC", "Đorđević"),
        ("stefanescu", "Ștefănescu"),
        ("lukasz", "Łukasz"),
        ("soren", "Søren"),
        ("strasse", "Straße"),
        ("محمد", "مُحَمَّد"),
        ("王", "王芳"),
        ("олена", "Олена"),
    ],
)
def test_a_typed_fragment_is_found_in_the_stored_name(typed: str, stored: str) -> None:
    assert fold(typed) in fold(stored)


def test_folding_keeps_other_scripts_and_squeezes_spaces() -> None:
    assert fold("  王   芳 ") == "王 芳"
    assert fold("Nicolò\tRossi") == "nicolo rossi"


@given(st.text())
def test_folding_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_every_word_of_a_name_finds_the_name(text: str) -> None:
    for term in search_terms(text):
        assert term in fold(text)


def test_phone_keys_ignore_the_italian_prefix_and_punctuation() -> None:
    assert phone_key("+39 333 123 4567") == phone_key("333-1234567") == "3331234567"
    assert phone_key("011 123456") == "011123456"


def test_like_patterns_escape_wildcards() -> None:
    assert like_pattern("50%_a\\b") == "%50\\%\\_a\\\\b%"
