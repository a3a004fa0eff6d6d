"""The rooms' figures of a month: hours booked, occupancy against opening hours, bookings per
organisation.

A booking counts in the month it starts. Confirmed bookings and occurrences of confirmed series
count, read through ``booking_rows.rows_between`` like every other view of the calendar (moved,
cancelled and closed-day occurrences are not occurrences); tentative and cancelled ones do not.
A workshop's session is a booking of its room, so its hours are in the room's hours too
(``RoomUse.workshop_minutes`` says how many). Open time is the room's weekly opening spans over the
month's days, less the days the house is closed (``opening_hours.open_minutes``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.db.models import Booking, Room, RoomOpeningHours, WorkshopSession
from app.services.booking_rows import rows_between
from app.services.booking_types import BookingRow, BookingStatus
from app.services.closure_days import closed_days
from app.services.monthly_figures_types import HolderBookings, RoomFigures, RoomUse
from app.services.monthly_span import MonthSpan, minutes
from app.services.opening_hours import OpeningSpan, open_minutes

ORGANISATION = "organisation"
OTHERS = "others"
PEOPLE = "people"


def confirmed_rows(session: Session, span: MonthSpan) -> list[BookingRow]:
    """The month's confirmed bookings and series occurrences that start in it."""
    rows = rows_between(session, span.start, span.end, statuses=(BookingStatus.CONFIRMED,))
    return [row for row in rows if row.start >= span.start]


def room_figures(
    session: Session,
    span: MonthSpan,
    rows: Sequence[BookingRow],
    *,
    top: int,
    compared_with: Sequence[HolderBookings] | None = None,
) -> RoomFigures:
    """The rooms' figures from the month's ``confirmed_rows``; ``top`` organisations by hours, or,
    with ``compared_with`` (another month's top), those organisations' own figures in this month."""
    session_bookings = set(
        session.scalars(
            select(WorkshopSession.booking_id)
            .join(Booking, Booking.id == WorkshopSession.booking_id)
            .where(span.holds(Booking.starts_at))
        )
    )
    bookings: Counter[int] = Counter()
    booked: Counter[int] = Counter()
    workshop: Counter[int] = Counter()
    for row in rows:
        length = minutes(row.start, row.end)
        bookings[row.room_id] += 1
        booked[row.room_id] += length
        if row.id is not None and row.id in session_bookings:
            workshop[row.room_id] += length
    rooms = session.execute(
        select(Room.id, Room.name).where(or_(Room.active.is_(True), Room.id.in_(list(bookings)))).order_by(Room.name)
    ).all()
    spans = _spans(session, [room_id for room_id, _name in rooms])
    closed = closed_days(session, span.first_day, span.last_day)
    days = span.days()
    uses = tuple(
        RoomUse(
            room_id=room_id,
            name=name,
            bookings=bookings[room_id],
            booked_minutes=booked[room_id],
            workshop_minutes=workshop[room_id],
            open_minutes=sum(open_minutes(spans[room_id], day, closed) for day in days) if room_id in spans else None,
        )
        for room_id, name in rooms
    )
    organisations, others, people = _holders(rows, top, compared_with)
    return RoomFigures(rooms=uses, organisations=organisations, other_organisations=others, people=people)


def _spans(session: Session, room_ids: list[int]) -> dict[int, list[OpeningSpan]]:
    by_room: dict[int, list[OpeningSpan]] = {}
    statement = select(RoomOpeningHours).where(RoomOpeningHours.room_id.in_(room_ids))
    for hours in session.scalars(statement):
        by_room.setdefault(hours.room_id, []).append(OpeningSpan(hours.weekday, hours.opens, hours.closes))
    return by_room


def _holders(
    rows: Sequence[BookingRow], top: int, compared_with: Sequence[HolderBookings] | None
) -> tuple[tuple[HolderBookings, ...], HolderBookings | None, HolderBookings | None]:
    """The top organisations by hours (then bookings, then name), the rest together, and the
    bookings held by people.

    With ``compared_with``, the organisations listed are those, in their order, each with its own
    figures here (0 when it booked nothing): a comparison must set an organisation beside itself,
    not beside whoever ranked in its place. The counts cover every organisation already, so this
    costs a lookup, not another read.
    """
    counts: Counter[int] = Counter()
    lengths: Counter[int] = Counter()
    names: dict[int, str] = {}
    people_count = people_minutes = 0
    for row in rows:
        length = minutes(row.start, row.end)
        if row.organisation_id is None:
            people_count += 1
            people_minutes += length
            continue
        counts[row.organisation_id] += 1
        lengths[row.organisation_id] += length
        names[row.organisation_id] = row.holder
    if compared_with is None:
        ranked = sorted(counts, key=lambda key: (-lengths[key], -counts[key], names[key].casefold(), key))
        listed = ranked[:top]
    else:
        listed = [holder.organisation_id for holder in compared_with if holder.organisation_id is not None]
        names = {key: holder.name for holder in compared_with if (key := holder.organisation_id) is not None} | names
    best = tuple(HolderBookings(key, names[key], ORGANISATION, counts[key], lengths[key]) for key in listed)
    rest = counts.keys() - set(listed)
    others = (
        HolderBookings(None, "", OTHERS, sum(counts[key] for key in rest), sum(lengths[key] for key in rest))
        if rest
        else None
    )
    people = HolderBookings(None, "", PEOPLE, people_count, people_minutes) if people_count else None
    return best, others, people
