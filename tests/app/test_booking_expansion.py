"""The cheap expansion of series gives exactly the calendar of the plain one.

``booking_rows.occurrence_starts`` skips series by weekday before parsing, reuses parsed rules,
reads a plain UNTIL itself and expands a weekly rule from near the range; ``rows_between`` can
keep only some weekdays. Every shortcut is held here to the plain way: the rule as
``rrulestr`` reads it, expanded from its first date with ``between``, less the exception dates
parsed with ``strptime`` — over random rules (weekly with BYDAY lists and INTERVAL, monthly on
the 2nd Tuesday or the last Friday, COUNT, UNTIL, open-ended, and rules the shortcuts leave
alone) and random ranges, the DST weeks among them.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from dateutil.rrule import rrule, rrulestr
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.models import Booking, BookingSeries
from app.services import Services
from app.services.booking_rows import occurrence_starts, rows_between, weekdays_between
from app.services.booking_rules import format_exdates, parse_rule, rule_shape
from app.services.bookings import BookingDraft, BookingStatus, SeriesDraft
from app.services.organisations import OrganisationDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
FIRST_YEAR, LAST_YEAR = 2016, 2030


def last_sunday(year: int, month: int) -> date:
    last = date(year, month + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() + 1) % 7)


DST_SUNDAYS = [last_sunday(year, month) for year in range(FIRST_YEAR, LAST_YEAR + 1) for month in (3, 10)]


def a_series(rule: str, dtstart: datetime, minutes: int, exdates: str = "") -> BookingSeries:
    """A series as ``rows_between`` reads it, not saved: only what its expansion looks at."""
    return BookingSeries(rrule=rule, dtstart=dtstart, duration_minutes=minutes, exdates=exdates)


def plain_rule(text: str, dtstart: datetime) -> rrule:
    value = text.strip()
    if value.upper().startswith("RRULE:"):
        value = value[6:]
    rule = rrulestr(value, dtstart=dtstart)
    assert isinstance(rule, rrule)
    return rule


def plain_starts(
    series: BookingSeries,
    start: datetime,
    end: datetime,
    excluded: set[datetime],
    weekdays: frozenset[int] | None,
) -> list[datetime]:
    """The expansion as it was before any shortcut."""
    duration = timedelta(minutes=series.duration_minutes)
    skipped = {datetime.strptime(item, "%Y-%m-%dT%H:%M") for item in series.exdates.split(",") if item} | excluded
    return [
        occurrence
        for occurrence in plain_rule(series.rrule, series.dtstart).between(start - duration, end, inc=False)
        if occurrence not in skipped and (weekdays is None or occurrence.weekday() in weekdays)
    ]


def starts_at() -> st.SearchStrategy[datetime]:
    """Times of the house: quarter hours, now and then with seconds."""
    return st.builds(
        lambda day, hour, quarter, second: datetime.combine(day, time(hour, 15 * quarter, second)),
        st.dates(min_value=date(FIRST_YEAR, 1, 1), max_value=date(LAST_YEAR, 12, 31)),
        st.integers(0, 23),
        st.integers(0, 3),
        st.sampled_from([0, 0, 0, 0, 30]),
    )


@st.composite
def rule_texts(draw: st.DrawFn, dtstart: datetime) -> str:
    """Weekly and monthly rules as the desk and the calendar import write them, and some that the
    shortcuts must leave to dateutil (BYMONTHDAY, BYSETPOS, DAILY, a prefix, lower case)."""
    freq = draw(st.sampled_from(["WEEKLY", "WEEKLY", "MONTHLY", "DAILY"]))
    parts = [f"FREQ={freq}"]
    if draw(st.booleans()):
        parts.append(f"INTERVAL={draw(st.integers(1, 4))}")
    if freq == "MONTHLY" and draw(st.integers(0, 4)) > 0:
        # Every day with an ordinal, or none: dateutil wants a day to be both when they are mixed,
        # so such a rule has no occurrence and is expanded up to the year 9999.
        ordinals = st.sampled_from(["1", "+1", "2", "+2", "4", "-1", "-2"]) if draw(st.booleans()) else st.just("")
        days = draw(
            st.lists(st.tuples(ordinals, st.sampled_from(DAYS)), min_size=1, max_size=3, unique_by=lambda d: d[1])
        )
        parts.append("BYDAY=" + ",".join(ordinal + day for ordinal, day in days))
        if draw(st.integers(0, 5)) == 0:
            parts.append("BYSETPOS=-1")
    elif freq == "MONTHLY" and draw(st.booleans()):
        parts.append(f"BYMONTHDAY={draw(st.integers(1, 28))}")
    elif draw(st.integers(0, 3)) > 0:
        weekdays = draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=4, unique=True))
        parts.append("BYDAY=" + ",".join(weekdays))
    end = draw(st.sampled_from(["open", "count", "until", "until day"]))
    if end == "count":
        parts.append(f"COUNT={draw(st.integers(1, 60))}")
    elif end.startswith("until"):
        until = dtstart + timedelta(days=draw(st.integers(-3, 900)), minutes=draw(st.integers(-120, 120)))
        parts.append("UNTIL=" + until.strftime("%Y%m%d" if end == "until day" else "%Y%m%dT%H%M%S"))
    if draw(st.integers(0, 5)) == 0:
        parts.append(f"WKST={draw(st.sampled_from(DAYS))}")
    text = ";".join(draw(st.permutations(parts)))
    if draw(st.integers(0, 9)) == 0:
        text = "RRULE:" + text
    if draw(st.integers(0, 9)) == 0:
        text = text.lower()
    return text


@st.composite
def series_and_ranges(
    draw: st.DrawFn,
) -> tuple[BookingSeries, datetime, datetime, set[datetime], frozenset[int] | None]:
    dtstart = draw(starts_at())
    text = draw(rule_texts(dtstart))
    duration = draw(st.sampled_from([30, 60, 90, 120, 180, 240]))
    duration = min(duration, (datetime.combine(dtstart.date() + timedelta(days=1), time()) - dtstart).seconds // 60)
    occurrences = plain_rule(text, dtstart).between(dtstart, dtstart + timedelta(days=3 * 366), inc=True)[:80]
    chosen = draw(st.lists(st.sampled_from(occurrences), max_size=6)) if occurrences else []
    moved = set(draw(st.lists(st.sampled_from(occurrences), max_size=3))) if occurrences else set()
    series = a_series(text, dtstart, max(duration, 1), format_exdates(chosen))
    near = st.builds(
        lambda sunday, days, minutes: datetime.combine(sunday, time()) + timedelta(days=days, minutes=minutes),
        st.sampled_from([sunday for sunday in DST_SUNDAYS if 0 <= sunday.year - dtstart.year <= 3]),
        st.integers(-7, 7),
        st.sampled_from([0, 0, 17 * 60, 18 * 60 + 30]),
    )
    around = st.builds(
        lambda days, minutes: datetime.combine(dtstart.date(), time()) + timedelta(days=days, minutes=minutes),
        st.integers(-10, 1200),
        st.sampled_from([0, 0, 0, 9 * 60, 18 * 60, 23 * 60 + 45]),
    )
    start = draw(st.one_of(around, near, st.sampled_from(occurrences or [dtstart])))
    length = draw(
        st.one_of(
            st.sampled_from([timedelta(days=1), timedelta(days=2), timedelta(days=6), timedelta(days=7)]),
            st.sampled_from([timedelta(weeks=40), timedelta(days=8), timedelta(hours=2)]),
            st.integers(1, 60 * 24 * 45).map(lambda minutes: timedelta(minutes=minutes)),
        )
    )
    weekdays = draw(st.none() | st.frozensets(st.integers(0, 6)))
    return series, start, start + length, moved, weekdays


@settings(max_examples=1500, deadline=None)
@given(case=series_and_ranges())
# The shapes the issue names, every time: DST weeks, INTERVAL=2 with a BYDAY list, monthly on the
# 2nd Tuesday and on the last Friday, COUNT and UNTIL.
@example(
    case=(
        a_series("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH,SU", datetime(2025, 9, 1, 18), 120),
        datetime(2026, 3, 29),
        datetime(2026, 3, 30),
        set(),
        None,
    )
).via("the DST Sunday of March, every other week")
@example(
    case=(
        a_series("FREQ=WEEKLY;BYDAY=TU;UNTIL=20261231T235959", datetime(2025, 10, 7, 18), 120, "2026-10-27T18:00"),
        datetime(2026, 10, 23),
        datetime(2026, 10, 30),
        set(),
        None,
    )
).via("the DST week of October, an exception date")
@example(
    case=(
        a_series("FREQ=MONTHLY;BYDAY=2TU", datetime(2024, 1, 9, 9), 60),
        datetime(2026, 3, 10),
        datetime(2026, 3, 11),
        set(),
        None,
    )
).via("monthly on the 2nd Tuesday")
@example(
    case=(
        a_series("FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270101", datetime(2024, 1, 26, 20), 90),
        datetime(2026, 10, 30),
        datetime(2026, 10, 31),
        set(),
        frozenset({4}),
    )
).via("monthly on the last Friday, UNTIL a day")
@example(
    case=(
        a_series("FREQ=WEEKLY;BYDAY=WE,FR;COUNT=30", datetime(2026, 1, 7, 17), 60),
        datetime(2026, 3, 25),
        datetime(2026, 4, 1),
        {datetime(2026, 3, 27, 17)},
        None,
    )
).via("COUNT, a moved occurrence")
def test_the_cheap_expansion_gives_the_plain_occurrences(
    case: tuple[BookingSeries, datetime, datetime, set[datetime], frozenset[int] | None],
) -> None:
    series, start, end, moved, weekdays = case
    assert occurrence_starts(series, start, end, moved, weekdays) == plain_starts(series, start, end, moved, weekdays)


@settings(max_examples=400, deadline=None)
@given(dtstart=starts_at(), data=st.data())
@example(dtstart=datetime(2025, 10, 7, 18), data=None).via("UNTIL with a time")
def test_a_parsed_rule_is_the_rule_dateutil_reads(dtstart: datetime, data: st.DataObject | None) -> None:
    text = data.draw(rule_texts(dtstart)) if data is not None else "FREQ=WEEKLY;BYDAY=TU;UNTIL=20260630T235959"
    parsed, plain = parse_rule(text, dtstart), plain_rule(text, dtstart)
    assert str(parsed) == str(plain)
    assert list(parsed.xafter(dtstart, count=80, inc=True)) == list(plain.xafter(dtstart, count=80, inc=True))
    assert parse_rule(text, dtstart) is parsed  # parsed once


@pytest.mark.parametrize(
    "text",
    [
        "FREQ=WEEKLY;UNTIL=20261331",  # no 13th month
        "FREQ=WEEKLY;UNTIL=20260230T180000",
        "FREQ=WEEKLY;BYDAY=XX;UNTIL=20261231",
        "FREQ=WEEKLY;FOO=1;UNTIL=20261231",
        "FREQ=SOMETIMES;UNTIL=20261231",
    ],
)
def test_a_wrong_rule_is_refused_as_before(text: str) -> None:
    with pytest.raises(ValueError):
        plain_rule(text, datetime(2026, 1, 6, 18))
    with pytest.raises(ValueError):
        parse_rule(text, datetime(2026, 1, 6, 18))


@pytest.mark.parametrize(
    ("text", "weekdays"),
    [
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", {0, 3}),
        ("RRULE:FREQ=MONTHLY;BYDAY=2TU,-1FR;UNTIL=20261231T235959", {1, 4}),
        ("freq=weekly;count=8", {2}),  # the first date's weekday: a Wednesday
        ("FREQ=MONTHLY;COUNT=8", None),  # the first date's day of the month, any weekday
    ],
)
def test_the_weekdays_a_rule_can_fall_on(text: str, weekdays: set[int] | None) -> None:
    shape = rule_shape(text)
    assert shape is not None
    possible = shape.possible_weekdays(datetime(2026, 1, 7, 18))
    assert possible == (frozenset(weekdays) if weekdays is not None else None)


@pytest.mark.parametrize(
    "text",
    [
        "FREQ=DAILY;BYDAY=MO",
        "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=1",
        "FREQ=WEEKLY;BYDAY=TU;BYMONTH=1",
        "FREQ=WEEKLY;BYDAY=TU;BYDAY=WE",  # dateutil keeps the last
        "FREQ=WEEKLY;BYDAY=TU;COUNT=3;UNTIL=20261231",
        "FREQ=WEEKLY;UNTIL=20261231Z",
        "FREQ=WEEKLY; BYDAY=TU",
        "FREQ=MONTHLY;BYDAY=0TU",
    ],
)
def test_rules_the_shortcuts_leave_alone(text: str) -> None:
    assert rule_shape(text) is None


def test_the_weekdays_of_a_range() -> None:
    tuesday = datetime(2026, 11, 24)
    assert weekdays_between(tuesday, tuesday + timedelta(days=1)) == {1}
    assert weekdays_between(tuesday - timedelta(hours=2), tuesday + timedelta(days=1)) == {0, 1}
    assert weekdays_between(tuesday, tuesday + timedelta(days=6, hours=23)) == set(range(7))
    assert weekdays_between(tuesday, tuesday + timedelta(days=6)) == {1, 2, 3, 4, 5, 6}
    assert weekdays_between(tuesday, tuesday) == set()


# -- the whole calendar ------------------------------------------------------------------------------


@pytest.fixture
def calendar(services: Services, coordinator: Actor, volunteer: Actor) -> list[int]:
    """A house with series of every shape, exceptions, a moved occurrence, bookings and closures."""
    hall = services.rooms.create(coordinator, RoomDraft(name="Sala Grande", capacity=80, hourly_rate_cents=2000))
    half = services.rooms.create(coordinator, RoomDraft(name="Sala Piccola", capacity=30, parent_id=hall.id))
    association = services.organisations.create(volunteer, OrganisationDraft(name="Donne in cammino"))
    rules = [
        (hall.id, datetime(2026, 1, 5, 18), "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"),
        (half.id, datetime(2026, 1, 6, 18), "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261231T235959"),
        (hall.id, datetime(2026, 1, 13, 9), "FREQ=MONTHLY;BYDAY=2TU"),
        (half.id, datetime(2026, 1, 30, 20), "FREQ=MONTHLY;BYDAY=-1FR;COUNT=10"),
        (hall.id, datetime(2026, 2, 1, 10), "FREQ=WEEKLY;COUNT=20"),
        (half.id, datetime(2026, 1, 3, 15), "FREQ=DAILY;INTERVAL=3;UNTIL=20260601"),
    ]
    ids = []
    for room_id, dtstart, rule in rules:
        draft = SeriesDraft(
            room_id=room_id,
            dtstart=dtstart,
            duration_minutes=120,
            rrule=rule,
            organisation_id=association.id,
            purpose="Corso",
            status=BookingStatus.TENTATIVE,
        )
        ids.append(services.bookings.create_series(volunteer, draft))
    services.bookings.cancel_occurrence(volunteer, ids[1], datetime(2026, 3, 24, 18))
    services.bookings.move_occurrence(
        volunteer, ids[1], datetime(2026, 3, 31, 18), datetime(2026, 4, 1, 17), datetime(2026, 4, 1, 19)
    )
    services.closures.add(coordinator, date(2026, 4, 6), reason="Pasquetta")
    for day in range(7):  # one booking a day for a week of February, one of them up to midnight
        morning = datetime(2026, 2, 9 + day, 10)
        services.bookings.create_booking(
            volunteer,
            BookingDraft(
                room_id=half.id,
                start=morning,
                end=morning + timedelta(hours=2),
                organisation_id=association.id,
                status=BookingStatus.TENTATIVE,
            ),
        )
    services.bookings.create_booking(
        volunteer,
        BookingDraft(
            room_id=hall.id, start=datetime(2026, 2, 10, 22), end=datetime(2026, 2, 11), organisation_id=association.id
        ),
    )
    return ids


def moved_of(session: Session, series_id: int) -> set[datetime]:
    found = session.scalars(select(Booking.occurrence_start).where(Booking.series_id == series_id))
    return {start for start in found if start is not None}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    first=st.dates(min_value=date(2025, 12, 1), max_value=date(2027, 3, 1)),
    hours=st.integers(1, 24 * 60),
    weekdays=st.frozensets(st.integers(0, 6), min_size=1),
)
@example(first=date(2026, 3, 29), hours=24, weekdays=frozenset({0, 1, 3})).via("the DST Sunday of March")
@example(first=date(2026, 2, 8), hours=24 * 8, weekdays=frozenset({1, 6})).via("a week of bookings: Tuesday, Sunday")
def test_the_calendar_of_a_range_is_the_plain_calendar(
    services: Services, calendar: list[int], first: date, hours: int, weekdays: frozenset[int]
) -> None:
    start = datetime.combine(first, time())
    end = start + timedelta(hours=hours)
    with services.database.sessions.begin() as session:
        rows = rows_between(session, start, end)
        some_days = rows_between(session, start, end, weekdays=weekdays)
        closed = {date(2026, 4, 6)}
        expected = sorted(
            (occurrence, series.id)
            for series in session.scalars(select(BookingSeries))
            for occurrence in plain_starts(series, start, end, moved_of(session, series.id), None)
            if occurrence.date() not in closed
        )
    assert sorted((row.start, row.series_id) for row in rows if row.id is None) == expected
    assert some_days == [row for row in rows if row.start.weekday() in weekdays]
    assert {row.start.weekday() for row in some_days} <= weekdays
