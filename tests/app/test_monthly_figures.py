"""The monthly figures against a month built by hand (tests/app/month_house.py): every number,
each written as the sum of the records that make it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.clock import FixedClock
from app.errors import PermissionDenied, ValidationError
from app.i18n import in_language
from app.services import Services
from app.services.cash_rules import Direction, PaymentMethod
from app.services.monthly_figures_types import MonthFigures, MonthlySummaryFigures
from app.services.roles import Actor
from app.services.visits import AgeBand, Gender
from tests.app.month_house import MonthHouse, build_month_house

HOUR = 60
NO_BANDS = (0, 0, 0, 0, 0, 0, 0)  # under 14 .. 65 and over, then not recorded
NO_GENDERS = (0, 0, 0, 0)  # female, male, other, not recorded


@pytest.fixture
def house(services: Services, volunteer: Actor, coordinator: Actor, clock: FixedClock) -> MonthHouse:
    return build_month_house(services, volunteer, coordinator, clock)


@pytest.fixture
def figures(services: Services, coordinator: Actor, house: MonthHouse) -> MonthlySummaryFigures:
    return services.monthly_figures.figures(coordinator, 2026, 10)


def _rooms(month: MonthFigures) -> dict[str, tuple[int, int, int, int | None]]:
    return {
        room.name: (room.bookings, room.booked_minutes, room.workshop_minutes, room.open_minutes)
        for room in month.rooms.rooms
    }


def test_the_months_and_when_they_were_made(figures: MonthlySummaryFigures) -> None:
    assert (figures.current.year, figures.current.month) == (2026, 10)
    assert (figures.current.first_day, figures.current.last_day) == (date(2026, 10, 1), date(2026, 10, 31))
    assert (figures.year_before.year, figures.year_before.month) == (2025, 10)
    assert figures.made_at == datetime(2026, 11, 22, 9, 0)


def test_rooms_hours_and_occupancy(figures: MonthlySummaryFigures) -> None:
    # Sala Blu: 5 Oct 10-12 (Filo) + 6 Oct 15-16:30 (Gino) + the Coro's Wednesdays at 16 on 7 and
    # 28 Oct and the one moved to Thursday 22; not the 14th (cancelled), the tentative 7 Oct, the
    # cancelled 8 Oct, nor 30 Sep and 2 Nov. Open Mon-Fri 8 h: 22 weekdays less the closed 12 Oct.
    # Aula: the workshop's Saturdays 3, 10, 17 Oct (the 24th cancelled); open 5 Saturdays x 2 h.
    # Cantina: 20 Oct 20-22, no opening hours. Magazzino (inactive, never booked) is not listed.
    assert _rooms(figures.current) == {
        "Aula": (3, 3 * 2 * HOUR, 3 * 2 * HOUR, 5 * 2 * HOUR),
        "Cantina": (1, 2 * HOUR, 0, None),
        "Sala Blu": (5, 2 * HOUR + 90 + 3 * HOUR, 0, 21 * 8 * HOUR),
    }
    assert [room.name for room in figures.current.rooms.rooms] == ["Aula", "Cantina", "Sala Blu"]
    by_name = {room.name: room for room in figures.current.rooms.rooms}
    assert by_name["Aula"].occupancy == pytest.approx(360 / 600)
    assert by_name["Sala Blu"].occupancy == pytest.approx(390 / 10080)
    assert by_name["Cantina"].occupancy is None  # no opening hours: no occupancy, not 0%
    rooms = figures.current.rooms
    assert (rooms.bookings, rooms.booked_minutes, rooms.open_minutes) == (9, 870, 10680)
    assert rooms.occupancy == pytest.approx((360 + 390) / 10680)  # the Cantina's hours are left out


def test_rooms_a_year_before(figures: MonthlySummaryFigures) -> None:
    # 13 Oct 2025 9-10 (Coro) and the workshop's session of Saturday 11 Oct 2025 10-12; October
    # 2025 has 23 weekdays and 4 Saturdays, no closure.
    assert _rooms(figures.year_before) == {
        "Aula": (1, 2 * HOUR, 2 * HOUR, 4 * 2 * HOUR),
        "Cantina": (0, 0, 0, None),
        "Sala Blu": (1, HOUR, 0, 23 * 8 * HOUR),
    }


def test_bookings_per_organisation(figures: MonthlySummaryFigures) -> None:
    rooms = figures.current.rooms
    # Filo: 5 Oct (2 h) and the three sessions of its workshop (6 h); Coro: three Wednesdays; Scacchi:
    # the Cantina (its tentative and cancelled bookings do not count). Gino booked as a person.
    assert [(o.name, o.kind, o.bookings, o.minutes) for o in rooms.organisations] == [
        ("Filo e Ago APS", "organisation", 4, 8 * HOUR),
        ("Coro Barriera", "organisation", 3, 3 * HOUR),
        ("Scacchi Aurora", "organisation", 1, 2 * HOUR),
    ]
    assert rooms.other_organisations is None
    assert rooms.people is not None
    assert (rooms.people.kind, rooms.people.bookings, rooms.people.minutes) == ("people", 1, 90)
    # A year before: this month's organisations, each with its own figures (Scacchi booked nothing).
    before = figures.year_before.rooms
    assert [(o.name, o.bookings, o.minutes) for o in before.organisations] == [
        ("Filo e Ago APS", 1, 2 * HOUR),
        ("Coro Barriera", 1, HOUR),
        ("Scacchi Aurora", 0, 0),
    ]
    assert before.other_organisations is None and before.people is None


def test_the_organisations_beyond_the_top_are_added_up(
    services: Services, coordinator: Actor, house: MonthHouse
) -> None:
    rooms = services.monthly_figures.figures(coordinator, 2026, 10, top_organisations=1).current.rooms
    assert [(o.organisation_id, o.bookings, o.minutes) for o in rooms.organisations] == [(house.filo, 4, 8 * HOUR)]
    assert rooms.other_organisations is not None
    others = rooms.other_organisations
    assert (others.kind, others.bookings, others.minutes) == ("others", 3 + 1, 3 * HOUR + 2 * HOUR)


def test_workshops(figures: MonthlySummaryFigures) -> None:
    workshops = figures.current.workshops
    assert workshops.sessions_held == 3  # 3, 10, 17 Oct; the 24th was cancelled
    assert workshops.new_enrolments == 3  # Anna and Elena on 2 Oct, Fabio given Elena's place on 20 Oct
    assert workshops.active_enrolments == 2  # Anna and Fabio; Elena withdrew; 2025's course held no session
    assert workshops.attendance_marks == 2 + 1 + 2  # Anna+Elena, Anna, Anna+Fabio
    assert workshops.training_minutes == 5 * 2 * HOUR
    assert workshops.distinct_participants == 3  # Anna, Elena, Fabio
    assert workshops.new_participants == 2  # Elena and Fabio: Anna first came in October 2025
    before = figures.year_before.workshops
    assert (
        before.sessions_held,
        before.new_enrolments,
        before.active_enrolments,
        before.attendance_marks,
        before.training_minutes,
        before.distinct_participants,
        before.new_participants,
    ) == (1, 1, 1, 1, 2 * HOUR, 1, 1)


def _visits(month: MonthFigures) -> dict[str | None, tuple[int, tuple[int, ...], tuple[int, ...]]]:
    return {
        service.code: (
            service.visits,
            tuple(count.count for count in service.by_age_band),
            tuple(count.count for count in service.by_gender),
        )
        for service in month.dropin.services
    }


def test_dropin_visits_with_their_breakdowns(figures: MonthlySummaryFigures) -> None:
    # Showers on 5 Oct: 18-29 male, 18-29 gender not said, Bruno 65+ male (30 Sep is not October).
    # Job desk: one visit with nothing said.
    assert _visits(figures.current) == {
        "showers": (3, (0, 0, 2, 0, 0, 1, 0), (0, 2, 0, 1)),
        "job_desk": (1, (0, 0, 0, 0, 0, 0, 1), (0, 0, 0, 1)),
    }
    assert figures.current.dropin.visits == 4
    assert _visits(figures.year_before) == {
        "showers": (1, (0, 0, 0, 1, 0, 0, 0), (1, 0, 0, 0)),  # Dario, 30-49, female
        "job_desk": (0, NO_BANDS, NO_GENDERS),
    }
    showers = figures.current.dropin.services[0]
    assert [count.band for count in showers.by_age_band] == [*AgeBand, None]
    assert [count.gender for count in showers.by_gender] == [*Gender, None]
    assert (showers.by_age_band[-1].label, showers.by_gender[0].label) == ("not recorded", "woman")
    with in_language("it"):
        assert showers.by_age_band[-1].label == "non registrato"


def test_tool_library(figures: MonthlySummaryFigures, house: MonthHouse) -> None:
    tools = figures.current.tools
    assert tools.loans == 3  # the ladder to Chiara (5 Oct) and Bruno (26 Oct), the drill to Chiara (13 Oct)
    assert tools.returns == 2  # the ladder on 9 Oct, the saw lent in September on 2 Oct
    assert tools.overdue_at_month_end == 1  # the drill, due 16 Oct; the ladder is due on the 31st
    assert [(tool.tool_id, tool.code, tool.loans) for tool in tools.most_lent] == [
        (house.ladder, "SC-0001", 2),
        (house.drill, "TR-0001", 1),
    ]
    before = figures.year_before.tools
    assert (before.loans, before.returns, before.overdue_at_month_end) == (1, 1, 0)
    assert [(tool.code, tool.loans) for tool in before.most_lent] == [("SC-0001", 1)]


def test_cash(figures: MonthlySummaryFigures) -> None:
    cash = figures.current.cash
    # Fabio's workshop fee was cancelled (paid twice): not in the figures.
    assert [
        (line.direction, line.category_code, line.method, line.count, line.amount_cents) for line in cash.lines
    ] == [
        (Direction.IN, "room_hire", PaymentMethod.CARD, 1, 5000),
        (Direction.IN, "workshop_fee", PaymentMethod.CASH, 1, 3000),
        (Direction.IN, "donation", PaymentMethod.CASH, 1, 1500),
        (Direction.OUT, "deposit_returned", PaymentMethod.CASH, 1, 1000),
    ]
    assert (cash.total_in_cents, cash.total_out_cents) == (5000 + 3000 + 1500, 1000)
    assert (cash.receipts, cash.cancelled_receipts) == (3, 1)
    assert cash.lines[0].category_label == "room hire"
    before = figures.year_before.cash
    assert [(line.category_code, line.count, line.amount_cents) for line in before.lines] == [("donation", 1, 1000)]
    assert (before.total_in_cents, before.total_out_cents, before.cancelled_receipts) == (1000, 0, 0)


def test_people(figures: MonthlySummaryFigures) -> None:
    # New: Elena and Fabio. Reached: Anna, Elena, Fabio (attendance), Bruno (visit, loan), Chiara
    # (loans), Dario (brought the saw back), Gino (his booking), Ivo (paid the room hire). Not the
    # facilitator Ngozi (her workshop is booked by Filo e Ago), nor the people who did nothing.
    assert (figures.current.people.new_people, figures.current.people.people_reached) == (2, 8)
    # October 2025: Dario new; reached Anna (enrolled, came), Dario (visit, donation), Bruno (loan).
    assert (figures.year_before.people.new_people, figures.year_before.people.people_reached) == (1, 3)


def test_an_empty_month_has_zeros_and_no_occupancy_for_rooms_without_hours(
    services: Services, coordinator: Actor, house: MonthHouse
) -> None:
    month = services.monthly_figures.figures(coordinator, 2024, 2).current
    assert _rooms(month) == {
        "Aula": (0, 0, 0, 4 * 2 * HOUR),  # February 2024: Saturdays 3, 10, 17, 24
        "Cantina": (0, 0, 0, None),
        "Sala Blu": (0, 0, 0, 21 * 8 * HOUR),  # 21 weekdays in a leap February
    }
    assert month.rooms.organisations == () and month.rooms.people is None
    assert month.workshops.sessions_held == 0 and month.workshops.training_minutes == 0
    assert month.tools.most_lent == () and month.cash.lines == ()
    assert (month.people.new_people, month.people.people_reached) == (0, 0)


def test_only_coordinators_and_admins_read_the_figures(
    services: Services, volunteer: Actor, admin: Actor, house: MonthHouse
) -> None:
    with pytest.raises(PermissionDenied):
        services.monthly_figures.figures(volunteer, 2026, 10)
    assert services.monthly_figures.figures(admin, 2026, 10).current.people.people_reached == 8


@pytest.mark.parametrize(("year", "month"), [(2026, 0), (2026, 13), (1900, 5), (9999, 1)])
def test_a_month_that_is_not_one_is_refused(services: Services, coordinator: Actor, year: int, month: int) -> None:
    with pytest.raises(ValidationError):
        services.monthly_figures.figures(coordinator, year, month)


def test_december_reaches_the_last_day(services: Services, coordinator: Actor) -> None:
    figures = services.monthly_figures.figures(coordinator, 2026, 12)
    assert (figures.current.first_day, figures.current.last_day) == (date(2026, 12, 1), date(2026, 12, 31))
    assert figures.year_before.last_day == date(2025, 12, 31)
