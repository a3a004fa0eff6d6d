"""The repeat editor's rules as RRULE text, both ways, and in the desk's words (no widgets)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from dateutil.rrule import rrulestr

from app.i18n import set_language
from ui.widgets.repeat_rule import (
    LAST,
    Ending,
    Frequency,
    Repeat,
    count_dates,
    describe,
    from_rrule,
    ordinal_of,
    problems_of,
    season_end,
    to_rrule,
)

TUESDAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("repeat", "rule"),
    [
        (Repeat(Frequency.NONE), None),
        (
            Repeat(Frequency.WEEKLY, (1,), until=date(2027, 6, 30)),
            "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630T235959",
        ),
        (
            Repeat(Frequency.WEEKLY, (3, 1), interval=2, ending=Ending.COUNT, count=8),
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=8",
        ),
        (Repeat(Frequency.MONTHLY, ordinal=2, weekday=1, ending=Ending.NEVER), "FREQ=MONTHLY;BYDAY=2TU"),
        (
            Repeat(Frequency.MONTHLY, ordinal=LAST, weekday=6, ending=Ending.COUNT, count=3),
            "FREQ=MONTHLY;BYDAY=-1SU;COUNT=3",
        ),
    ],
)
def test_repetitions_are_written_as_rrules_and_read_back(repeat: Repeat, rule: str | None) -> None:
    assert to_rrule(repeat) == rule
    if rule is not None:
        back = from_rrule(rule)
        assert back is not None
        assert to_rrule(back) == rule
        rrulestr(rule, dtstart=datetime(2026, 12, 1, 18))  # dateutil reads it


def test_the_end_date_includes_an_evening_occurrence_on_that_day() -> None:
    rule = to_rrule(Repeat(Frequency.WEEKLY, (1,), until=date(2026, 12, 15)))
    assert rule is not None
    assert count_dates(rule, datetime(2026, 12, 1, 18)) == 3  # 1, 8 and 15 December, at 18:00
    assert count_dates("FREQ=WEEKLY;BYDAY=TU", datetime(2026, 12, 1, 18)) is None  # no end


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("RRULE:FREQ=WEEKLY;BYDAY=MO,WE;WKST=MO", Repeat(Frequency.WEEKLY, (0, 2), ending=Ending.NEVER)),
        ("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=-1", Repeat(Frequency.MONTHLY, ordinal=LAST, weekday=1, ending=Ending.NEVER)),
        ("FREQ=WEEKLY;BYDAY=FR;UNTIL=20270115T225959Z", Repeat(Frequency.WEEKLY, (4,), until=date(2027, 1, 15))),
    ],
)
def test_rules_from_other_calendars_that_the_editor_can_show(rule: str, expected: Repeat) -> None:
    assert from_rrule(rule) == expected


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY",
        "FREQ=WEEKLY;BYDAY=1TU",
        "FREQ=MONTHLY;BYMONTHDAY=15",
        "FREQ=MONTHLY;BYDAY=5TU",
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=1TU",
        "FREQ=WEEKLY;BYDAY=TU;COUNT=3;UNTIL=20270101",
        "FREQ=YEARLY;BYMONTH=6",
        "nonsense",
    ],
)
def test_other_rules_are_not_shown_as_something_they_are_not(rule: str) -> None:
    assert from_rrule(rule) is None


def test_what_to_fix_is_said_in_words() -> None:
    assert problems_of(Repeat(Frequency.NONE), TUESDAY) == []
    assert problems_of(Repeat(Frequency.WEEKLY, (), until=date(2027, 1, 1)), TUESDAY) == [
        "Choose at least one day of the week."
    ]
    assert problems_of(Repeat(Frequency.WEEKLY, (1,), until=date(2026, 11, 1)), TUESDAY) == [
        "The last day is before the first one: check the end date."
    ]
    assert problems_of(Repeat(Frequency.MONTHLY, weekday=1, until=date(2027, 1, 1)), TUESDAY) == []


def test_the_season_and_the_ordinal_of_a_day() -> None:
    assert season_end(date(2026, 10, 6)) == date(2027, 6, 30)
    assert season_end(date(2027, 3, 2)) == date(2027, 6, 30)
    assert season_end(date(2027, 7, 1)) == date(2028, 6, 30)
    assert [ordinal_of(date(2026, 12, day)) for day in (1, 8, 15, 22, 29)] == [1, 2, 3, 4, LAST]


def test_descriptions_in_english_and_italian() -> None:
    weekly = Repeat(Frequency.WEEKLY, (1, 3), until=date(2027, 6, 30))
    fortnightly = Repeat(Frequency.WEEKLY, (1,), interval=2, ending=Ending.COUNT, count=5)
    sundays = Repeat(Frequency.MONTHLY, ordinal=LAST, weekday=6, ending=Ending.NEVER)
    tuesdays = Repeat(Frequency.MONTHLY, ordinal=1, weekday=1, ending=Ending.COUNT, count=1)
    assert describe(weekly) == "Every week on Tuesday and Thursday, until Jun 30, 2027"
    assert describe(fortnightly) == "Every 2 weeks on Tuesday, 5 times"
    assert describe(sundays) == "The last Sunday of the month, with no end"
    assert describe(tuesdays) == "The first Tuesday of the month, once"
    set_language("it")
    assert describe(weekly) == "Ogni settimana: martedì e giovedì, fino al 30 giu 2027"
    assert describe(fortnightly) == "Ogni 2 settimane: martedì, 5 volte"
    assert describe(sundays) == "L'ultima domenica del mese, senza fine"
    assert describe(tuesdays) == "Il primo martedì del mese, una volta"
