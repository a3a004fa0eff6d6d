"""A hand-built week for the programme's tests, 30 November - 6 December 2026: workshop sessions
(one cancelled), public and private bookings, a public series with a cancelled and a moved date,
and a busy week of 40 public activities for the poster."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from app.services import Services
from app.services.bookings import BookingDraft, BookingStatus, SeriesDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft
from app.services.workshop_sessions import SessionPlan
from tests.app.workshop_house import House, person, workshop_draft, workshop_with_sessions

MONDAY = date(2026, 11, 30)  # the week of Tuesday 1 December, the first session of the test workshop


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A time of the week: days 30 (November) and 1-6 (December)."""
    month = 11 if day >= 30 else 12
    return datetime(2026, month, day, hour, minute)


def build_week(services: Services, coordinator: Actor, volunteer: Actor, house: House) -> None:
    """The hand-built week and a booking just before and just after it."""
    # Workshops: Tuesdays 18-20 in the classroom (the association runs it); a second one on
    # Thursdays whose session of this week is cancelled.
    workshop_with_sessions(services, coordinator, house, weeks=2, organisation_id=house.association)
    yoga = services.workshops.create(coordinator, workshop_draft(house, title="Yoga dolce", room_id=house.half_a))
    plan = SessionPlan(first_start=at(3, 10), duration_minutes=60, rrule="FREQ=WEEKLY;COUNT=2")
    cancelled, _next = services.workshop_sessions.create(coordinator, yoga.id, plan)
    services.workshop_sessions.cancel(coordinator, cancelled.id)

    def booking(start: datetime, end: datetime, purpose: str, **fields: object) -> None:
        values: dict[str, object] = {"organisation_id": house.association, "public": True}
        values.update(fields)
        services.bookings.create_booking(
            volunteer,
            BookingDraft(room_id=house.hall, start=start, end=end, purpose=purpose, **values),  # type: ignore[arg-type]
        )

    booking(at(3, 20, 30), at(3, 23), "Cena multietnica")
    booking(at(3, 8), at(3, 9), "Colazione solidale")  # earlier the same day, made later
    booking(at(2, 10), at(2, 12), "Riunione del direttivo", public=False)
    booking(at(4, 10), at(4, 12), "Forse un mercatino", status=BookingStatus.TENTATIVE)
    giver = person(services, volunteer, "Mario", "Bianchi")
    booking(at(5, 15), at(5, 18), "Festa aperta del quartiere", organisation_id=None, person_id=giver)
    booking(at(6, 21), at(6, 23), "")  # no purpose: the association names it
    booking(datetime(2026, 11, 29, 21), datetime(2026, 11, 29, 23), "La domenica prima")
    booking(datetime(2026, 12, 7, 0), datetime(2026, 12, 7, 1), "Il lunedì dopo")

    # A public series on Mondays, Wednesdays and Fridays at 17: Wednesday cancelled, Friday moved.
    series = services.bookings.create_series(
        volunteer,
        SeriesDraft(
            room_id=house.half_b,
            dtstart=datetime(2026, 11, 2, 17),
            duration_minutes=90,
            rrule="FREQ=WEEKLY;BYDAY=MO,WE,FR",
            organisation_id=house.association,
            purpose="Italiano per tutti",
            public=True,
        ),
    )
    services.bookings.cancel_occurrence(volunteer, series, at(2, 17))
    services.bookings.move_occurrence(volunteer, series, at(4, 17), at(4, 19), at(4, 20, 30))
    # A private series: never on the poster.
    services.bookings.create_series(
        volunteer,
        SeriesDraft(
            room_id=house.classroom,
            dtstart=datetime(2026, 11, 2, 9),
            duration_minutes=60,
            rrule="FREQ=DAILY",
            organisation_id=house.association,
            purpose="Pulizie",
        ),
    )


BUSY_TITLES = (
    "Laboratorio di cucito creativo per principianti",
    "Sportello lavoro e orientamento",
    "Corso di italiano L2 — livello A2",
    "Cineforum: «Il ragazzo selvaggio»",
    "王老师的中文课",
    "لقاء النساء",
    "Gruppo di cammino",
    "Doposcuola",
    "Assemblea pubblica sul verde di Barriera di Milano",
    "Riparazione biciclette",
)
BUSY_PER_DAY = (6, 7, 12, 6, 5, 4, 0)
"""40 activities, the Wednesday full from 8 to 20, the Sunday empty."""


def build_busy_week(
    services: Services, coordinator: Actor, volunteer: Actor, house: House, monday: date = MONDAY
) -> list[str]:
    """40 public bookings over the week of ``monday``, an hour each; their titles, numbered."""
    theatre = services.rooms.create(coordinator, RoomDraft(name="Teatrino", capacity=60)).id
    rooms = (house.hall, house.classroom, theatre)
    titles: list[str] = []
    for offset, count in enumerate(BUSY_PER_DAY):
        day = datetime.combine(monday + timedelta(days=offset), datetime.min.time())
        for index in range(count):
            title = f"{BUSY_TITLES[(offset + index) % len(BUSY_TITLES)]} {len(titles) + 1}"
            start = day + timedelta(hours=8 + index)
            services.bookings.create_booking(
                volunteer,
                BookingDraft(
                    room_id=rooms[index % len(rooms)],
                    start=start,
                    end=start + timedelta(hours=1),
                    organisation_id=house.association,
                    purpose=title,
                    public=True,
                ),
            )
            titles.append(title)
    return titles
