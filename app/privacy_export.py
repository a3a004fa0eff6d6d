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

from sqlalchemy import or_, select
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
        "id": person.id,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "phone": person.phone,
        "email": person.email,
        "address": person.address,
        "birth_date": _iso(person.birth_date),
        "birth_year": person.birth_year,
        "notes": person.notes,
        "created_at": _iso(person.created_at),
        "updated_at": _iso(person.updated_at),
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
                "at": _iso(payment.at),
                "direction": payment.direction,
                "amount_cents": payment.amount_cents,
                "method": payment.method,
                "category": category_label(code, name),
                "description": payment.description,
                "receipt": None
                if receipt is None
                else {
                    "number": f"{receipt.number}/{receipt.year}",
                    "issued_at": _iso(receipt.issued_at),
                    "payer_name": receipt.payer_name,
                    "payer_address": receipt.payer_address,
                    "payer_fiscal_code": receipt.payer_fiscal_code,
                    "cancelled_at": _iso(receipt.cancelled_at),
                    "cancel_reason": receipt.cancel_reason,
                },
            }
        )
    return result


def _bookings(session: Session, person_id: int) -> list[Data]:
    query = (
        select(Booking, Room.name)
        .join(Room, Room.id == Booking.room_id)
        .where(Booking.person_id == person_id)
        .order_by(Booking.starts_at)
    )
    return [
        {
            "room": room,
            "starts_at": _iso(booking.starts_at),
            "ends_at": _iso(booking.ends_at),
            "purpose": booking.purpose,
            "status": booking.status,
            "price_cents": booking.price_cents,
            "notes": booking.notes,
        }
        for booking, room in session.execute(query)
    ]


def _series(session: Session, person_id: int) -> list[Data]:
    query = (
        select(BookingSeries, Room.name)
        .join(Room, Room.id == BookingSeries.room_id)
        .where(BookingSeries.person_id == person_id)
        .order_by(BookingSeries.dtstart)
    )
    return [
        {
            "room": room,
            "rule": series.rrule,
            "first_start": _iso(series.dtstart),
            "duration_minutes": series.duration_minutes,
            "purpose": series.purpose,
            "status": series.status,
        }
        for series, room in session.execute(query)
    ]


def _enrolments(session: Session, person_id: int) -> list[Data]:
    query = (
        select(Enrolment, Workshop.title)
        .join(Workshop, Workshop.id == Enrolment.workshop_id)
        .where(Enrolment.person_id == person_id)
        .order_by(Enrolment.requested_at)
    )
    return [
        {
            "workshop": title,
            "status": enrolment.status,
            "requested_at": _iso(enrolment.requested_at),
            "enrolled_at": _iso(enrolment.enrolled_at),
            "withdrawn_at": _iso(enrolment.withdrawn_at),
            "fee_cents": enrolment.fee_cents,
        }
        for enrolment, title in session.execute(query)
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
    query = (
        select(Visit, DropInService.code, DropInService.name)
        .join(DropInService, DropInService.id == Visit.service_id)
        .where(Visit.person_id == person_id)
        .order_by(Visit.at)
    )
    return [
        {
            "service": service_label(code, name),
            "at": _iso(visit.at),
            "age_band": visit.age_band,
            "gender": visit.gender,
            "first_visit": visit.first_visit,
        }
        for visit, code, name in session.execute(query)
    ]


def _loans(session: Session, person_id: int) -> list[Data]:
    query = (
        select(Loan, Tool.code, Tool.name)
        .join(Tool, Tool.id == Loan.tool_id)
        .where(Loan.person_id == person_id)
        .order_by(Loan.out_at)
    )
    return [
        {
            "tool_code": code,
            "tool": name,
            "out_at": _iso(loan.out_at),
            "due_day": _iso(loan.due_day),
            "returned_at": _iso(loan.returned_at),
            "deposit_cents": loan.deposit_cents,
            "return_note": loan.return_note,
        }
        for loan, code, name in session.execute(query)
    ]


def _reservations(session: Session, person_id: int) -> list[Data]:
    query = (
        select(ToolReservation, Tool.code, Tool.name)
        .join(Tool, Tool.id == ToolReservation.tool_id)
        .where(ToolReservation.person_id == person_id)
        .order_by(ToolReservation.from_day)
    )
    return [
        {
            "tool_code": code,
            "tool": name,
            "from_day": _iso(reservation.from_day),
            "to_day": _iso(reservation.to_day),
            "status": reservation.status,
            "notes": reservation.notes,
        }
        for reservation, code, name in session.execute(query)
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
