"""Checks shared by the services; each returns a translated message that says what to fix."""

from __future__ import annotations

import enum
import re
import types
import typing
from collections.abc import Iterable, Mapping
from datetime import date, datetime

from app.errors import Problem
from app.i18n import _, format_date
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


def name_taken(name: str, others: Iterable[str]) -> bool:
    """Whether ``name`` is one of ``others`` ignoring case in any script. Compared here, not with
    SQLite's ``lower()``, which folds only ASCII: "Aula È" typed twice slipped past that check and
    hit the table's unique index as an error the desk cannot read."""
    folded = name.casefold()
    return any(other.casefold() == folded for other in others)


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


# -- kinds of values ---------------------------------------------------------------------------
# The GUI always sends the right types; a script, an import or a future front end may not. A value
# of the wrong kind is refused here, before it reaches SQLite, which would store 12.5 in an integer
# column or "12" in a date column without a word, or raise an error the desk cannot read.

_SQLITE_INTEGERS = range(-(2**63), 2**63)


def check_kinds(draft: object) -> None:
    """Refuse a draft (a dataclass) whose fields are not of the types it declares.

    Raises:
        ValidationError: one message per field of the wrong kind; nothing was written.
    """
    import dataclasses

    if dataclasses.is_dataclass(draft) and not isinstance(draft, type):
        hints = typing.get_type_hints(type(draft))
        check_values({item.name: (getattr(draft, item.name), hints[item.name]) for item in dataclasses.fields(draft)})
        return
    problems = Problems()
    problems.add("value", _("This is not what the desk expected here: close the window and start again."))
    problems.raise_if_any()


def check_values(values: Mapping[str, tuple[object, object]]) -> None:
    """Refuse arguments that are not of their kind: ``{"year": (year, int), ...}``.

    Raises:
        ValidationError: one message per argument of the wrong kind; nothing was written.
    """
    problems = Problems()
    for field, (value, hint) in values.items():
        message = _kind_problem(field, value, hint)
        if message:
            problems.add(field, message)
    problems.raise_if_any()


def _kind_problem(field: str, value: object, hint: object) -> str:
    arms = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
    if value is None and type(None) in arms:
        return ""
    hint = next(arm for arm in arms if arm is not type(None))
    if typing.get_origin(hint) is tuple:
        if not isinstance(value, tuple):
            return _("Choose the items of this list again.")
        item_hint = typing.get_args(hint)[0]
        return next((problem for item in value if (problem := _kind_problem(field, item, item_hint))), "")
    if not isinstance(hint, type) or _of_kind(value, hint):
        return _range_problem(field, value) if hint is int else ""
    if hint is int and field.endswith("_cents"):
        return _("An amount is a whole number of cents (2500 for 25,00 €), never a {kind}.").format(
            kind=type(value).__name__
        )
    if hint is int:
        return _("Write a whole number here, like 12.")
    if hint is str:
        return _("Write this as text.")
    if hint is bool:
        return _("Choose yes or no here.")
    if hint is datetime:
        return _("Choose a day and a time here.")
    if hint is date:
        return _("Choose a day here, without a time.")
    return _("Choose one of the values offered.")


def _of_kind(value: object, hint: type) -> bool:
    if hint in (int, float) and isinstance(value, bool):
        return False
    if hint is date and isinstance(value, datetime):
        return False
    if issubclass(hint, enum.StrEnum) and isinstance(value, str):
        return value in {member.value for member in hint}  # a StrEnum member is its value
    return isinstance(value, hint)


def _range_problem(field: str, value: object) -> str:
    assert isinstance(value, int)
    if field.endswith("_cents"):
        from app.services.cash_rules import MAX_AMOUNT_CENTS  # cash_rules builds on this module

        if abs(value) > MAX_AMOUNT_CENTS:
            return _("This amount is too large for the desk: check the digits.")
    if value not in _SQLITE_INTEGERS:
        return _("This number is too large: check the digits.")
    return ""


FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2199, 12, 31)


def check_day_range(problems: Problems, field: str, day: date) -> bool:
    """Days far from now are typing mistakes (year 1, 9999) and overflow the date arithmetic;
    returns whether the day is fine, so that the caller can skip that arithmetic."""
    if FIRST_DAY <= day <= LAST_DAY:
        return True
    problems.add(
        field,
        _("Choose a day between {first} and {last}.").format(first=format_date(FIRST_DAY), last=format_date(LAST_DAY)),
    )
    return False
