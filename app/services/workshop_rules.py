"""The pure rules of workshops: fee kinds, what a person pays, ages and who may be enrolled.

Nothing here touches the database, so the workshop, enrolment and dues modules (and later the
demo) share one definition of each rule.

- Fee: ``fee_cents`` per course or per session (``FeeKind``); a member of the house (a person
  with a valid card for the year, see ``enrolments.is_member``) pays ``member_fee_cents`` when the
  workshop has one.
- Age range: checked only when the birth date or year is known. With only a year a person's age
  is one of two values; they are refused only when *both* are outside the range, so a 13-year-old
  turning 14 this year may join a course for 14 and over. Refusing (not warning) keeps the rule
  the same for everyone at the desk; a coordinator who wants to make an exception widens the
  range of the workshop.
- Minors: the people registry's rule (``people.CONSENT_AGE``, 14: the age of digital consent in
  Italy, art. 2-quinquies D.Lgs. 196/2003): a person who is, or with only a birth year may be,
  under 14 is enrolled only when their guardian and the consent date are recorded in the registry.
  A person without a birth date or year is treated as an adult, as the registry does.
"""

from __future__ import annotations

import enum
from datetime import date

from app.i18n import N_, _


class FeeKind(enum.StrEnum):
    COURSE = "course"
    SESSION = "session"

    @property
    def label(self) -> str:
        return _(FEE_KIND_LABELS[self])


FEE_KIND_LABELS = {FeeKind.COURSE: N_("per course"), FeeKind.SESSION: N_("per session")}

MAX_AGE = 120


def fee_for(*, fee_cents: int, member_fee_cents: int | None, member: bool) -> tuple[int, bool]:
    """What a person pays (per course or per session) and whether it is the member fee."""
    if member and member_fee_cents is not None and member_fee_cents < fee_cents:
        return member_fee_cents, True
    return fee_cents, False


def possible_ages(*, birth_date: date | None, birth_year: int | None, today: date) -> tuple[int, int] | None:
    """The youngest and oldest age the person can be today, or None when nothing is known."""
    if birth_date is not None:
        had_birthday = (today.month, today.day) >= (birth_date.month, birth_date.day)
        age = today.year - birth_date.year - (0 if had_birthday else 1)
        return age, age
    if birth_year is not None:
        return today.year - birth_year - 1, today.year - birth_year
    return None


def outside_age_range(ages: tuple[int, int] | None, min_age: int | None, max_age: int | None) -> bool:
    """Whether the person is surely too young or too old (unknown ages are never outside)."""
    if ages is None:
        return False
    youngest, oldest = ages
    return (min_age is not None and oldest < min_age) or (max_age is not None and youngest > max_age)


def age_range_text(min_age: int | None, max_age: int | None) -> str:
    """The range as the desk reads it: "14-18", "14 and over", "up to 10", or "" for any age."""
    if min_age is not None and max_age is not None:
        return _("{first}-{last} years").format(first=min_age, last=max_age)
    if min_age is not None:
        return _("{first} years and over").format(first=min_age)
    if max_age is not None:
        return _("up to {last} years").format(last=max_age)
    return ""
