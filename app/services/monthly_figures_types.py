"""The figures of one month for the funders, as frozen dataclasses (what the monthly summary draws).

``MonthlySummaryFigures`` holds the chosen month and the same month a year before, built by
``app/services/monthly_figures.py``. Durations are whole minutes and money integer cents, so the
report formats them (hours with ``hours``); labels are properties, translated when read, so a
report printed ``with in_language("en"):`` speaks English whatever the desk speaks.

A breakdown key of ``None`` means "not recorded" (a visit whose service asks the age band but the
desk did not give it, or a service that does not record it at all).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.i18n import _
from app.services.cash_rules import Direction, PaymentMethod, category_label
from app.services.dropin import service_label
from app.services.visits import AgeBand, Gender


def hours(minutes: int) -> float:
    """Minutes as hours, for printing (``format_decimal(hours(m), "#,##0.#")``)."""
    return minutes / 60


# -- rooms -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoomUse:
    """One room in the month: hours booked, and occupancy against its opening hours.

    ``booked_minutes`` counts confirmed bookings and series occurrences (workshop sessions are
    bookings too, and ``workshop_minutes`` is their part of it); tentative and cancelled ones are
    left out. ``open_minutes`` is ``None`` when the room has no opening hours set, so the report
    shows no occupancy rather than a false 0%; closures of the house have no open hours.
    """

    room_id: int
    name: str
    bookings: int
    booked_minutes: int
    workshop_minutes: int
    open_minutes: int | None

    @property
    def occupancy(self) -> float | None:
        """Booked over open time (0..1, may pass 1 when a room is booked outside its hours)."""
        if not self.open_minutes:
            return None
        return self.booked_minutes / self.open_minutes


@dataclass(frozen=True)
class HolderBookings:
    """Bookings held by one organisation (or, with ``organisation_id`` None, by a group of holders
    named by ``kind``: ``"others"`` = the organisations beyond the top N, ``"people"`` = bookings held
    by a person)."""

    organisation_id: int | None
    name: str
    kind: str
    bookings: int
    minutes: int


@dataclass(frozen=True)
class RoomFigures:
    rooms: tuple[RoomUse, ...]
    """Every room that was active or booked in the month, by name."""
    organisations: tuple[HolderBookings, ...]
    """The top organisations by hours (kind ``"organisation"``), most first; in the year before of
    ``MonthlySummaryFigures``, the chosen month's top ones in its order, each with its own figures
    (0 when it booked nothing)."""
    other_organisations: HolderBookings | None
    """The organisations not listed, together (kind ``"others"``), None when none."""
    people: HolderBookings | None
    """Bookings held by a person rather than an organisation (kind ``"people"``), None when none."""

    @property
    def bookings(self) -> int:
        return sum(room.bookings for room in self.rooms)

    @property
    def booked_minutes(self) -> int:
        return sum(room.booked_minutes for room in self.rooms)

    @property
    def open_minutes(self) -> int | None:
        """Open time of the rooms that have opening hours; None when no room has any."""
        known = [room.open_minutes for room in self.rooms if room.open_minutes is not None]
        return sum(known) if known else None

    @property
    def occupancy(self) -> float | None:
        """Booked over open time of the rooms that have opening hours."""
        booked = sum(room.booked_minutes for room in self.rooms if room.open_minutes is not None)
        open_total = self.open_minutes
        return booked / open_total if open_total else None


# -- workshops -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkshopFigures:
    sessions_held: int
    """Sessions not cancelled that started in the month."""
    new_enrolments: int
    """Places given in the month (``enrolled_at`` in the month), whatever happened after."""
    active_enrolments: int
    """Places held at the end of the month (enrolled by then, not withdrawn by then)."""
    attendance_marks: int
    """People marked present at the month's sessions (one per person and session)."""
    training_minutes: int
    """Sum over the month's sessions of session minutes x people present."""
    distinct_participants: int
    """People present at least once in the month."""
    new_participants: int
    """People whose first attendance ever is in this month."""


# -- drop-in services ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgeBandCount:
    band: AgeBand | None
    count: int

    @property
    def label(self) -> str:
        return self.band.label if self.band else _("not recorded")


@dataclass(frozen=True)
class GenderCount:
    gender: Gender | None
    count: int

    @property
    def label(self) -> str:
        return self.gender.label if self.gender else _("not recorded")


@dataclass(frozen=True)
class ServiceVisits:
    """Visits of one drop-in service; the breakdowns list every band or gender in order, then
    "not recorded", and are empty when the service records neither."""

    service_id: int
    code: str | None
    name: str
    visits: int
    by_age_band: tuple[AgeBandCount, ...]
    by_gender: tuple[GenderCount, ...]

    @property
    def label(self) -> str:
        return service_label(self.code, self.name)


@dataclass(frozen=True)
class DropInFigures:
    services: tuple[ServiceVisits, ...]
    """Every service that was active or visited in the month, in the desk's order."""

    @property
    def visits(self) -> int:
        return sum(service.visits for service in self.services)


# -- tool library ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ToolLoans:
    tool_id: int
    code: str
    name: str
    loans: int


@dataclass(frozen=True)
class ToolFigures:
    loans: int
    """Loans that went out in the month."""
    returns: int
    """Loans that came back in the month."""
    overdue_at_month_end: int
    """Loans open at the end of the month whose due day was before the month's last day."""
    most_lent: tuple[ToolLoans, ...]
    """The ten tools lent most in the month, most first (ties by code)."""


# -- cash ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CashLine:
    """Payments of one direction, category and method (incoming ones with a cancelled receipt are
    left out)."""

    direction: Direction
    category_id: int
    category_code: str | None
    category_name: str
    method: PaymentMethod
    count: int
    amount_cents: int

    @property
    def category_label(self) -> str:
        return category_label(self.category_code, self.category_name)


@dataclass(frozen=True)
class CashFigures:
    lines: tuple[CashLine, ...]
    """Money in first, then out; by the categories' order, then method."""
    cancelled_receipts: int
    """Receipts of the month cancelled (their payments are not in the figures)."""

    @property
    def total_in_cents(self) -> int:
        return sum(line.amount_cents for line in self.lines if line.direction is Direction.IN)

    @property
    def total_out_cents(self) -> int:
        return sum(line.amount_cents for line in self.lines if line.direction is Direction.OUT)

    @property
    def receipts(self) -> int:
        """Receipts not cancelled: one per incoming payment."""
        return sum(line.count for line in self.lines if line.direction is Direction.IN)


# -- people ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeopleFigures:
    new_people: int
    """People registered (created) in the month."""
    people_reached: int
    """Distinct people reached across all activities; see ``monthly_figures.people_reached``."""


# -- the whole --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthFigures:
    """Every figure of one calendar month, ``first_day`` to ``last_day`` included."""

    year: int
    month: int
    first_day: date
    last_day: date
    rooms: RoomFigures
    workshops: WorkshopFigures
    dropin: DropInFigures
    tools: ToolFigures
    cash: CashFigures
    people: PeopleFigures


@dataclass(frozen=True)
class MonthlySummaryFigures:
    """The chosen month and the same month a year before, for the funders' comparison."""

    current: MonthFigures
    year_before: MonthFigures
    made_at: datetime
