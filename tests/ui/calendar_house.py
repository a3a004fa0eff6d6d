"""A week of a real-looking house for the calendar's tests and screenshots.

The week of Monday 7 December 2026: the hall "Sala Grande" and its two halves, a tailoring room, a
kitchen and a meeting room; 8 December (the Immaculate Conception) is closed; repeating courses,
one-off events, tentative bookings (two of them overlapping in the kitchen) and a cancelled one.
Everything goes through the services, as the desk would do it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.services import Services
from app.services.bookings import BookingDraft, BookingStatus, SeriesDraft
from app.services.organisations import OrganisationDraft
from app.services.people import PersonDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft

MONDAY = date(2026, 12, 7)
HOLIDAY = date(2026, 12, 8)
WEDNESDAY = date(2026, 12, 9)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


@dataclass(frozen=True)
class House:
    hall: int
    courtyard_side: int
    street_side: int
    tailoring: int
    kitchen: int
    meeting: int
    assembly: int  # one-off, confirmed, in the hall on Wednesday 20:30-22:30
    lunch: int  # one-off, confirmed, in the kitchen on Wednesday 11:00-14:30
    dinner: int  # tentative, kitchen, Wednesday 18:00-22:00
    tasting: int  # tentative, kitchen, Wednesday 17:00-19:00: overlaps the dinner
    italian: int  # series, courtyard side, Monday and Wednesday 10:00-12:00
    homework: int  # series, street side, Monday to Friday 16:30-18:30
    sewing: int  # series, tailoring room, Wednesday and Saturday 9:30-12:30


def build_house(services: Services, coordinator: Actor, volunteer: Actor) -> House:
    rooms = services.rooms

    def room(name: str, capacity: int, colour: str, parent: int | None = None) -> int:
        return rooms.create(coordinator, RoomDraft(name=name, capacity=capacity, colour=colour, parent_id=parent)).id

    hall = room("Sala Grande", 100, "#c0392b")
    courtyard = room("Sala Grande – lato cortile", 50, "#e67e22", hall)
    street = room("Sala Grande – lato strada", 50, "#f1c40f", hall)
    tailoring = room("Laboratorio di sartoria", 12, "#8e44ad")
    kitchen = room("Cucina", 15, "#27ae60")
    meeting = room("Sala riunioni", 20, "#2980b9")
    services.closures.add(coordinator, HOLIDAY, HOLIDAY, "Immacolata Concezione")

    person = services.people.create(volunteer, PersonDraft(given_name="Nicolò", family_name="Rossi")).id
    neighbours = services.organisations.create(coordinator, OrganisationDraft(name="Comitato Barriera")).id
    cooks = services.organisations.create(coordinator, OrganisationDraft(name="Cucine dal mondo")).id
    school = services.organisations.create(coordinator, OrganisationDraft(name="Scuola Penny Wirton")).id
    bookings = services.bookings

    def one_off(
        room_id: int,
        start: datetime,
        end: datetime,
        purpose: str,
        *,
        person_id: int | None = None,
        organisation_id: int | None = None,
        status: BookingStatus = BookingStatus.CONFIRMED,
    ) -> int:
        draft = BookingDraft(
            room_id=room_id,
            start=start,
            end=end,
            purpose=purpose,
            person_id=person_id,
            organisation_id=organisation_id,
            status=status,
        )
        booking_id = bookings.create_booking(volunteer, draft).id
        assert booking_id is not None
        return booking_id

    def series(
        room_id: int,
        start: datetime,
        minutes: int,
        rule: str,
        purpose: str,
        *,
        person_id: int | None = None,
        organisation_id: int | None = None,
        exdates: tuple[datetime, ...] = (),
    ) -> int:
        draft = SeriesDraft(
            room_id=room_id,
            dtstart=start,
            duration_minutes=minutes,
            rrule=rule,
            purpose=purpose,
            person_id=person_id,
            organisation_id=organisation_id,
            exdates=exdates,
        )
        return bookings.create_series(volunteer, draft)

    wednesday = WEDNESDAY
    assembly = one_off(
        hall, at(wednesday, 20, 30), at(wednesday, 22, 30), "Assemblea di quartiere", organisation_id=neighbours
    )
    lunch = one_off(kitchen, at(wednesday, 11), at(wednesday, 14, 30), "Pranzo solidale", organisation_id=cooks)
    dinner = one_off(
        kitchen,
        at(wednesday, 18),
        at(wednesday, 22),
        "Cena interculturale",
        organisation_id=cooks,
        status=BookingStatus.TENTATIVE,
    )
    tasting = one_off(
        kitchen, at(wednesday, 17), at(wednesday, 19), "Prova menù", person_id=person, status=BookingStatus.TENTATIVE
    )
    cancelled = one_off(meeting, at(wednesday, 15), at(wednesday, 16), "Annullata", person_id=person)
    bookings.cancel_booking(volunteer, cancelled)
    one_off(meeting, at(MONDAY, 18), at(MONDAY, 19, 30), "Riunione condominio", person_id=person)
    one_off(hall, at(date(2026, 12, 12), 15), at(date(2026, 12, 12), 19), "Festa di Natale", organisation_id=neighbours)
    italian = series(
        courtyard,
        at(date(2026, 11, 2), 10),
        120,
        "FREQ=WEEKLY;BYDAY=MO,WE",
        "Corso di italiano",
        organisation_id=school,
    )
    homework = series(
        street,
        at(date(2026, 11, 2), 16, 30),
        120,
        "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
        "Doposcuola",
        organisation_id=school,
        exdates=(at(HOLIDAY, 16, 30),),
    )
    sewing = series(
        tailoring, at(date(2026, 11, 4), 9, 30), 180, "FREQ=WEEKLY;BYDAY=WE,SA", "Sartoria sociale", person_id=person
    )
    return House(
        hall=hall,
        courtyard_side=courtyard,
        street_side=street,
        tailoring=tailoring,
        kitchen=kitchen,
        meeting=meeting,
        assembly=assembly,
        lunch=lunch,
        dinner=dinner,
        tasting=tasting,
        italian=italian,
        homework=homework,
        sewing=sewing,
    )
