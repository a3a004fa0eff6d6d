"""Everything the house holds about one person, gathered for a data-access request (GDPR art. 15).

``collect`` reads it inside the caller's transaction and returns plain JSON-ready data (strings,
numbers, booleans, None, lists, dicts); ``write_json`` stores it as one UTF-8 file. The same data
feeds the readable PDF (``app/reports/person_data.py``), so the two never disagree.

The JSON document (``format`` = ``portineria.person-data``, ``version`` = 1). Dates are ISO
``YYYY-MM-DD``; times are ISO ``YYYY-MM-DDTHH:MM:SS`` in the house's local wall-clock time; money
is integer euro cents (``*_cents``); codes (``status``, ``method``...) are the program's English
codes.

- ``exported_at``, ``house``: when, and by which house (its name and fiscal code).
- ``person``: the registry record: ``id``, ``given_name``, ``family_name``, ``phone``, ``email``,
  ``address``, ``birth_date``, ``birth_year``, ``notes``, ``created_at``, ``updated_at``,
  ``guardian`` ({``id``, ``name``} or None), ``guardian_of`` (the minors they answer for),
  ``erased`` (true once the record was anonymised).
- ``consent``: ``date`` (None: not given), ``notice_version``, ``photo_release``.
- ``organisations``: the associations they belong to (``name``) or are the contact of
  (``contact`` true).
- ``memberships``: ``year``, ``card_number``, ``fee_cents``, ``paid_at``.
- ``payments``: as payer: ``at``, ``direction`` (in/out), ``amount_cents``, ``method``,
  ``category``, ``description``, ``receipt`` (``number`` as ``N/YYYY``, ``issued_at``,
  ``payer_name``, ``payer_address``, ``payer_fiscal_code`` as printed, ``cancelled_at``,
  ``cancel_reason``; None for a payment with no receipt).
- ``bookings``: rooms booked in their name: ``room``, ``starts_at``, ``ends_at``, ``purpose``,
  ``status``, ``price_cents``, ``notes``; ``booking_series``: ``room``, ``rule`` (RFC 5545),
  ``first_start``, ``duration_minutes``, ``purpose``, ``status``.
- ``enrolments``: ``workshop``, ``status``, ``requested_at``, ``enrolled_at``, ``withdrawn_at``,
  ``fee_cents``; ``workshops_led``: titles of the workshops they facilitate.
- ``attendance``: ``workshop``, ``session_start``, ``session_end``, ``minutes``; ``attendance_hours``
  the total in hours.
- ``visits``: ``service``, ``at``, ``age_band``, ``gender``, ``first_visit``.
- ``loans``: ``tool_code``, ``tool``, ``out_at``, ``due_day``, ``returned_at``, ``deposit_cents``,
  ``return_note``; ``reservations``: ``tool_code``, ``tool``, ``from_day``, ``to_day``,
  ``status``, ``notes``.
- ``audit``: changes to their record: ``at``, ``user`` (who, by name), ``action``, ``fields``
  (names of the fields changed; the log never holds values).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Result, or_, select
from sqlalchemy.orm import Session

from app.db.models import (
    Attendance,
    AuditEntry,
    Booking,
    BookingSeries,
    DropInService,
    Enrolment,
    Loan,
    Membership,
    Organisation,
    OrganisationMember,
    Payment,
    PaymentCategory,
    Person,
    Receipt,
    Room,
    Tool,
    ToolReservation,
    User,
    Visit,
    Workshop,
    WorkshopSession,
)
from app.errors import record_gone
from app.services.cash_rules import category_label
from app.services.dropin import service_label

FORMAT = "portineria.person-data"
VERSION = 1

Data = dict[str, Any]


def _iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


def _values(record: object, names: str) -> Data:
    """The attributes ``names`` (space-separated, as for a namedtuple) of a record under their own
    names, dates and times in ISO form: most keys of the document are the columns they come from."""
    values = {name: getattr(record, name) for name in names.split()}
    return {name: _iso(value) if isinstance(value, date) else value for name, value in values.items()}


def _in_name_of(session: Session, person_id: int, link: Any, *labels: Any, order_by: Any) -> Result[*tuple[Any, ...]]:
    """The records of ``link``'s table in the person's name, each with ``labels`` from the row its
    foreign key ``link`` points to (a booking with its room's name, a loan with its tool's code)."""
    record, target = link.class_, labels[0].class_
    query = select(record, *labels).join(target, target.id == link).where(record.person_id == person_id)
    return session.execute(query.order_by(order_by))


def _name(person: Person) -> str:
    return f"{person.family_name} {person.given_name}".strip()


def collect(
    session: Session, person_id: int, *, now: datetime, house_name: str, house_fiscal_code: str, erased: bool
) -> Data:
    """The whole document for ``person_id`` (see the module docstring for its keys).

    Raises:
        NotFound: the person is gone.
    """
    person = session.get(Person, person_id)
    if person is None:
        raise record_gone()
    attendance = _attendance(session, person_id)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _iso(now),
        "house": {"name": house_name, "fiscal_code": house_fiscal_code},
        "person": _person(session, person, erased),
        "consent": {
            "date": _iso(person.consent_date),
            "notice_version": person.consent_notice_version,
            "photo_release": bool(person.photo_release),
        },
        "organisations": _organisations(session, person_id),
        "memberships": _memberships(session, person_id),
        "payments": _payments(session, person_id),
        "bookings": _bookings(session, person_id),
        "booking_series": _series(session, person_id),
        "enrolments": _enrolments(session, person_id),
        "workshops_led": list(
            session.scalars(select(Workshop.title).where(Workshop.facilitator_id == person_id).order_by(Workshop.id))
        ),
        "attendance": attendance,
        "attendance_hours": round(sum(item["minutes"] for item in attendance) / 60, 2),
        "visits": _visits(session, person_id),
        "loans": _loans(session, person_id),
        "reservations": _reservations(session, person_id),
        "audit": _audit(session, person_id),
    }


def write_json(data: Data, path: Path) -> Path:
    """Write the document as one UTF-8 JSON file (readable: indented, letters not escaped)."""
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def _person(session: Session, person: Person, erased: bool) -> Data:
    guardian = person.guardian
    minors = session.scalars(select(Person).where(Person.guardian_id == person.id).order_by(Person.sort_key))
    return {
        **_values(
            person, "id given_name family_name phone email address birth_date birth_year notes created_at updated_at"
        ),
        "guardian": {"id": guardian.id, "name": _name(guardian)} if guardian is not None else None,
        "guardian_of": [{"id": minor.id, "name": _name(minor)} for minor in minors],
        "erased": erased,
    }


def _organisations(session: Session, person_id: int) -> list[Data]:
    member_of = select(OrganisationMember.organisation_id).where(OrganisationMember.person_id == person_id)
    query = (
        select(Organisation.name, Organisation.id.in_(member_of), Organisation.contact_person_id == person_id)
        .where(or_(Organisation.id.in_(member_of), Organisation.contact_person_id == person_id))
        .order_by(Organisation.sort_key)
    )
    return [
        {"name": name, "member": bool(member), "contact": bool(contact)}
        for name, member, contact in session.execute(query)
    ]


def _memberships(session: Session, person_id: int) -> list[Data]:
    query = (
        select(Membership.year, Membership.card_number, Membership.fee_cents, Payment.at)
        .join(Payment, Payment.id == Membership.payment_id)
        .where(Membership.person_id == person_id)
        .order_by(Membership.year)
    )
    return [
        {"year": year, "card_number": number, "fee_cents": fee, "paid_at": _iso(at)}
        for year, number, fee, at in session.execute(query)
    ]


def _payments(session: Session, person_id: int) -> list[Data]:
    query = (
        select(Payment, PaymentCategory.code, PaymentCategory.name, Receipt)
        .join(PaymentCategory, PaymentCategory.id == Payment.category_id)
        .outerjoin(Receipt, Receipt.payment_id == Payment.id)
        .where(Payment.payer_person_id == person_id)
        .order_by(Payment.at, Payment.id)
    )
    result = []
    for payment, code, name, receipt in session.execute(query):
        result.append(
            {
                **_values(payment, "at direction amount_cents method"),
                "category": category_label(code, name),
                "description": payment.description,
                "receipt": None
                if receipt is None
                else {
                    "number": f"{receipt.number}/{receipt.year}",
                    **_values(
                        receipt, "issued_at payer_name payer_address payer_fiscal_code cancelled_at cancel_reason"
                    ),
                },
            }
        )
    return result


def _bookings(session: Session, person_id: int) -> list[Data]:
    rows = _in_name_of(session, person_id, Booking.room_id, Room.name, order_by=Booking.starts_at)
    return [
        {"room": room, **_values(booking, "starts_at ends_at purpose status price_cents notes")}
        for booking, room in rows
    ]


def _series(session: Session, person_id: int) -> list[Data]:
    rows = _in_name_of(session, person_id, BookingSeries.room_id, Room.name, order_by=BookingSeries.dtstart)
    return [
        {
            "room": room,
            "rule": series.rrule,
            "first_start": _iso(series.dtstart),
            **_values(series, "duration_minutes purpose status"),
        }
        for series, room in rows
    ]


def _enrolments(session: Session, person_id: int) -> list[Data]:
    rows = _in_name_of(session, person_id, Enrolment.workshop_id, Workshop.title, order_by=Enrolment.requested_at)
    return [
        {"workshop": title, **_values(enrolment, "status requested_at enrolled_at withdrawn_at fee_cents")}
        for enrolment, title in rows
    ]


def _attendance(session: Session, person_id: int) -> list[Data]:
    query = (
        select(Workshop.title, Booking.starts_at, Booking.ends_at)
        .select_from(Attendance)
        .join(WorkshopSession, WorkshopSession.id == Attendance.session_id)
        .join(Workshop, Workshop.id == WorkshopSession.workshop_id)
        .join(Booking, Booking.id == WorkshopSession.booking_id)
        .where(Attendance.person_id == person_id)
        .order_by(Booking.starts_at)
    )
    return [
        {
            "workshop": title,
            "session_start": _iso(start),
            "session_end": _iso(end),
            "minutes": int((end - start).total_seconds() // 60),
        }
        for title, start, end in session.execute(query)
    ]


def _visits(session: Session, person_id: int) -> list[Data]:
    rows = _in_name_of(session, person_id, Visit.service_id, DropInService.code, DropInService.name, order_by=Visit.at)
    return [
        {"service": service_label(code, name), **_values(visit, "at age_band gender first_visit")}
        for visit, code, name in rows
    ]


def _loans(session: Session, person_id: int) -> list[Data]:
    rows = _in_name_of(session, person_id, Loan.tool_id, Tool.code, Tool.name, order_by=Loan.out_at)
    return [
        {
            "tool_code": code,
            "tool": name,
            **_values(loan, "out_at due_day returned_at deposit_cents return_note"),
        }
        for loan, code, name in rows
    ]


def _reservations(session: Session, person_id: int) -> list[Data]:
    rows = _in_name_of(
        session, person_id, ToolReservation.tool_id, Tool.code, Tool.name, order_by=ToolReservation.from_day
    )
    return [
        {"tool_code": code, "tool": name, **_values(reservation, "from_day to_day status notes")}
        for reservation, code, name in rows
    ]


def _audit(session: Session, person_id: int) -> list[Data]:
    query = (
        select(AuditEntry.at, User.name, AuditEntry.action, AuditEntry.fields)
        .outerjoin(User, User.id == AuditEntry.user_id)
        .where(AuditEntry.entity == "person", AuditEntry.entity_id == person_id)
        .order_by(AuditEntry.id)
    )
    return [
        {"at": _iso(at), "user": user or "", "action": action, "fields": [name for name in fields.split(",") if name]}
        for at, user, action, fields in session.execute(query)
    ]
