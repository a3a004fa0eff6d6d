"""Checks shared by the services; each returns a translated message that says what to fix."""

from __future__ import annotations

import re

from app.errors import Problem
from app.i18n import _
from app.text import digits

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_PHONE_CHARACTERS = re.compile(r"^[0-9+()\-./\s]*$")


class Problems:
    """Collects every problem of a form, so the editor can show them all at once."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, field: str | None, message: str) -> None:
        self.items.append(Problem(field, message))

    def raise_if_any(self) -> None:
        if self.items:
            from app.errors import ValidationError

            raise ValidationError(self.items)


def clean(text: str | None) -> str:
    """Trimmed text with inner runs of spaces left alone."""
    return (text or "").strip()


def check_required(problems: Problems, field: str, value: str, message: str) -> None:
    if not value:
        problems.add(field, message)


def check_max_length(problems: Problems, field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        problems.add(field, _("Too long: at most {limit} characters.").format(limit=limit))


def check_email(problems: Problems, field: str, value: str) -> None:
    if value and not _EMAIL.match(value):
        problems.add(field, _("This email address looks wrong: write it like name@example.org."))


def check_phone(problems: Problems, field: str, value: str) -> None:
    if not value:
        return
    if not _PHONE_CHARACTERS.match(value):
        problems.add(field, _("A phone number has only digits, spaces and + ( ) - . /"))
    elif len(digits(value)) < 6:
        problems.add(field, _("This phone number is too short: write at least 6 digits."))


def check_fiscal_code(problems: Problems, field: str, value: str) -> str:
    """The fiscal code in its standard form (11 digits, or 16 characters for a person)."""
    if not value:
        return ""
    from stdnum.it import codicefiscale, iva  # only when there is a code to check: faster start

    compact = value.replace(" ", "").upper()
    if len(compact) not in (11, 16):
        problems.add(field, _("A fiscal code has 11 digits, or 16 letters and digits for a person: check its length."))
    elif compact.isdigit():
        if not iva.is_valid(compact):
            problems.add(field, _("This fiscal code of 11 digits is not valid: check each digit."))
    elif not codicefiscale.is_valid(compact):
        problems.add(
            field, _("This fiscal code is not valid: it has 11 digits, or 16 letters and digits for a person.")
        )
    return compact
