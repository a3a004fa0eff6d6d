"""Reservations of tools: a tool kept for a person over some days (both ends included).

Volunteers reserve and cancel. While a reservation is active nobody else may borrow the tool on
any of its days (``loans`` checks it); the person it is for may, and their reservation is then
fulfilled. Rules of a new reservation:
- it starts today or later, ends on or after its first day, lasts at most 90 days and starts
  within a year;
- the tool is not lost nor retired, and not reserved already on any of those days;
- a tool on loan cannot be reserved on or before its due day: it may not be back by then (the
  message says from which day it can be reserved).
A reservation whose last day has passed simply stops mattering.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database
from app.db.models import Loan, Person, Tool, ToolReservation
from app.errors import ValidationError, record_gone
from app.i18n import _, format_date
from app.services import audit
from app.services.loans import ToolAndPersonRow, tool_and_person, with_tool_and_person
from app.services.roles import Actor, authorise
from app.services.tool_rules import MAX_LOAN_DAYS, ToolEventKind, ToolStatus, add_event, open_loan, person_name
from app.services.validation import Problems, check_max_length, check_values, clean

MAX_DAYS_AHEAD = 365


@dataclass(frozen=True)
class ReservationRow(ToolAndPersonRow):
    from_day: date
    to_day: date
    status: str  # "active", "cancelled" or "fulfilled" (the person borrowed the tool)
    notes: str
    created_at: datetime


def _rows(session: Session, conditions: list[ColumnElement[bool]]) -> list[ReservationRow]:
    statement = (
        with_tool_and_person(ToolReservation).where(*conditions).order_by(ToolReservation.from_day, ToolReservation.id)
    )
    return [
        ReservationRow(
            *tool_and_person(reservation, code, name, family, given, phone),
            from_day=reservation.from_day,
            to_day=reservation.to_day,
            status=reservation.status,
            notes=reservation.notes,
            created_at=reservation.created_at,
        )
        for reservation, code, name, family, given, phone in session.execute(statement)
    ]


def _row(session: Session, reservation_id: int) -> ReservationRow:
    rows = _rows(session, [ToolReservation.id == reservation_id])
    if not rows:
        raise record_gone()
    return rows[0]


class ToolReservationService:
    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    def reserve(
        self, actor: Actor, tool_id: int, person_id: int, from_day: date, to_day: date, *, notes: str = ""
    ) -> ReservationRow:
        """Keep the tool for the person from ``from_day`` to ``to_day`` (both included).

        Raises:
            ValidationError: the days are wrong, the tool is lost or retired, reserved already,
                or on loan until one of those days; nothing was written.
        """
        check_values(
            {
                "tool_id": (tool_id, int),
                "person_id": (person_id, int),
                "from_day": (from_day, date),
                "to_day": (to_day, date),
                "notes": (notes, str),
            }
        )
        today = self._clock.today()
        notes = clean(notes)
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            tool = session.get(Tool, tool_id)
            if tool is None or session.get(Person, person_id) is None:
                raise record_gone()
            problems = Problems()
            if from_day < today:
                problems.add("from_day", _("A reservation starts today or later."))
            elif from_day > today + timedelta(days=MAX_DAYS_AHEAD):
                problems.add("from_day", _("A reservation starts within a year from today."))
            if to_day < from_day:
                problems.add("to_day", _("The last day comes on or after the first day."))
            elif (to_day - from_day).days >= MAX_LOAN_DAYS:
                problems.add("to_day", _("A reservation lasts at most {days} days.").format(days=MAX_LOAN_DAYS))
            check_max_length(problems, "notes", notes, 500)
            problems.raise_if_any()
            if tool.status == ToolStatus.LOST.value:
                raise ValidationError(_("{code} is marked as lost: it cannot be reserved.").format(code=tool.code))
            if tool.status == ToolStatus.RETIRED.value:
                raise ValidationError(_("{code} is retired: it cannot be reserved.").format(code=tool.code))
            loan = open_loan(session, tool.id)
            if loan is not None and loan.due_day >= from_day:
                raise ValidationError(self._on_loan(session, loan, tool.code), field="from_day")
            other = session.scalars(
                select(ToolReservation).where(
                    ToolReservation.tool_id == tool.id,
                    ToolReservation.status == "active",
                    ToolReservation.to_day >= from_day,
                    ToolReservation.from_day <= to_day,
                )
            ).first()
            if other is not None:
                raise ValidationError(
                    _("{code} is already reserved for {name} from {first} to {last}: choose other days.").format(
                        code=tool.code,
                        name=person_name(session.get(Person, other.person_id)),
                        first=format_date(other.from_day),
                        last=format_date(other.to_day),
                    ),
                    field="from_day",
                )
            reservation = ToolReservation(
                tool_id=tool.id,
                person_id=person_id,
                from_day=from_day,
                to_day=to_day,
                status="active",
                notes=notes,
                created_at=self._clock.now(),
                created_by_id=actor.user_id or None,
            )
            session.add(reservation)
            session.flush()
            note = f"{from_day.isoformat()} – {to_day.isoformat()}"
            add_event(session, self._clock, actor, tool, ToolEventKind.RESERVED, person_id=person_id, note=note)
            audit.record(
                session, self._clock, actor, "create", "tool_reservation", reservation.id, ("from_day", "to_day")
            )
            return _row(session, reservation.id)

    def cancel(self, actor: Actor, reservation_id: int) -> ReservationRow:
        check_values({"reservation_id": (reservation_id, int)})
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            reservation = session.get(ToolReservation, reservation_id)
            if reservation is None:
                raise record_gone()
            if reservation.status != "active":
                raise ValidationError(_("This reservation is no longer active: refresh the list."))
            reservation.status, reservation.cancelled_at = "cancelled", self._clock.now()
            tool = session.get(Tool, reservation.tool_id)
            assert tool is not None
            add_event(
                session,
                self._clock,
                actor,
                tool,
                ToolEventKind.RESERVATION_CANCELLED,
                person_id=reservation.person_id,
                note=f"{reservation.from_day.isoformat()} – {reservation.to_day.isoformat()}",
            )
            audit.record(session, self._clock, actor, "update", "tool_reservation", reservation.id, ("status",))
            return _row(session, reservation.id)

    def of_tool(self, actor: Actor, tool_id: int) -> list[ReservationRow]:
        """The tool's active reservations that have not ended, by first day."""
        return self._active(actor, [ToolReservation.tool_id == tool_id])

    def of_person(self, actor: Actor, person_id: int) -> list[ReservationRow]:
        return self._active(actor, [ToolReservation.person_id == person_id])

    def upcoming(self, actor: Actor) -> list[ReservationRow]:
        """Every active reservation that has not ended, by first day."""
        return self._active(actor, [])

    def _active(self, actor: Actor, conditions: list[ColumnElement[bool]]) -> list[ReservationRow]:
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            return _rows(
                session,
                [*conditions, ToolReservation.status == "active", ToolReservation.to_day >= self._clock.today()],
            )

    @staticmethod
    def _on_loan(session: Session, loan: Loan, code: str) -> str:
        return _("{code} is on loan to {name} until {due}: reserve it from {after} on, or choose another tool.").format(
            code=code,
            name=person_name(session.get(Person, loan.person_id)),
            due=format_date(loan.due_day),
            after=format_date(loan.due_day + timedelta(days=1)),
        )
