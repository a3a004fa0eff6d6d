"""A month built by hand for the monthly figures: October 2026, and October 2025 before it.

Everything is made through the services, the clock set to when the desk would have done it. The
expected figures are written out in tests/app/test_monthly_figures.py, each with its sum.

The house (made 15 September 2025): rooms Sala Blu (open Mon-Fri 9-13 and 14-18), Aula (open
Saturdays 10-12), Cantina (no opening hours), an inactive Magazzino; associations Filo e Ago (A),
Coro Barriera (B), Scacchi Aurora (C); people Anna, Bruno, Chiara, Gino, Ivo and the facilitator
Ngozi. Dario is registered in October 2025, Elena and Fabio in October 2026.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from app.clock import FixedClock
from app.services import Services
from app.services.booking_types import BookingDraft, BookingStatus, SeriesDraft
from app.services.cash import PaymentDraft
from app.services.cash_rules import PaymentMethod
from app.services.opening_hours import OpeningSpan
from app.services.organisations import OrganisationDraft
from app.services.people import PersonDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft
from app.services.tools import ToolDraft
from app.services.visits import AgeBand, Gender, VisitDraft
from app.services.workshop_sessions import SessionPlan
from app.services.workshops import WorkshopDraft


@dataclass(frozen=True)
class MonthHouse:
    sala_blu: int
    aula: int
    cantina: int
    filo: int
    coro: int
    scacchi: int
    ladder: int
    drill: int
    showers: int
    job_desk: int


def _person(services: Services, actor: Actor, given: str, family: str) -> int:
    return services.people.create(actor, PersonDraft(given_name=given, family_name=family)).id


def _category(services: Services, actor: Actor, code: str) -> int:
    return next(row.id for row in services.cash_settings.categories(actor) if row.code == code)


def _at(clock: FixedClock, *values: int) -> None:
    clock.current = datetime(*values)  # type: ignore[arg-type]


def build_month_house(services: Services, volunteer: Actor, coordinator: Actor, clock: FixedClock) -> MonthHouse:
    """Both Octobers; the clock ends where it was (22 November 2026, 09:00)."""
    end = clock.current
    _at(clock, 2025, 9, 15, 9)
    rooms = services.rooms
    sala = rooms.create(coordinator, RoomDraft(name="Sala Blu", capacity=30)).id
    aula = rooms.create(coordinator, RoomDraft(name="Aula", capacity=20)).id
    cantina = rooms.create(coordinator, RoomDraft(name="Cantina", capacity=10)).id
    rooms.create(coordinator, RoomDraft(name="Magazzino", capacity=5, active=False))
    weekdays = [OpeningSpan(day, time(9), time(13)) for day in range(5)]
    weekdays += [OpeningSpan(day, time(14), time(18)) for day in range(5)]
    rooms.set_opening_hours(coordinator, sala, weekdays)
    rooms.set_opening_hours(coordinator, aula, [OpeningSpan(5, time(10), time(12))])
    filo = services.organisations.create(volunteer, OrganisationDraft(name="Filo e Ago APS")).id
    coro = services.organisations.create(volunteer, OrganisationDraft(name="Coro Barriera")).id
    scacchi = services.organisations.create(volunteer, OrganisationDraft(name="Scacchi Aurora")).id
    anna = _person(services, volunteer, "Anna", "Rossi")
    bruno = _person(services, volunteer, "Bruno", "Bianchi")
    chiara = _person(services, volunteer, "Chiara", "Verdi")
    gino = _person(services, volunteer, "Gino", "Neri")
    ivo = _person(services, volunteer, "Ivo", "Đorđević")
    ngozi = _person(services, volunteer, "Ngozi", "Okafor")
    ladder = services.tools.create(coordinator, ToolDraft(code="SC-0001", name="Scala", category="Scale")).id
    drill = services.tools.create(coordinator, ToolDraft(code="TR-0001", name="Trapano", category="Trapani")).id
    saw = services.tools.create(coordinator, ToolDraft(code="SE-0001", name="Seghetto", category="Seghe")).id
    dropin = {row.code: row.id for row in services.dropin.services(coordinator)}
    showers, job_desk = dropin["showers"], dropin["job_desk"]
    workshop = WorkshopDraft(title="Sartoria", facilitator_id=ngozi, organisation_id=filo, room_id=aula, capacity=2)

    # -- October 2025 --------------------------------------------------------------------------
    _at(clock, 2025, 10, 10, 10)
    dario = _person(services, volunteer, "Dario", "Esposito")
    old_workshop = services.workshops.create(coordinator, workshop).id
    (old_session,) = services.workshop_sessions.create(
        coordinator, old_workshop, SessionPlan(datetime(2025, 10, 11, 10), 120, "FREQ=WEEKLY;COUNT=1")
    )
    services.enrolments.enrol(volunteer, old_workshop, anna)
    services.visits.record(
        volunteer, VisitDraft(showers, person_id=dario, age_band=AgeBand.FROM_30_TO_49, gender=Gender.FEMALE)
    )
    services.cash.record_payment(
        volunteer, PaymentDraft(1000, _category(services, volunteer, "donation"), payer_person_id=dario)
    )
    services.bookings.create_booking(
        volunteer, BookingDraft(sala, datetime(2025, 10, 13, 9), datetime(2025, 10, 13, 10), organisation_id=coro)
    )
    services.loans.lend(volunteer, ladder, bruno, components_confirmed=True, due=date(2025, 10, 17))
    _at(clock, 2025, 10, 11, 12)
    services.attendance.mark(volunteer, old_session.id, [anna])
    _at(clock, 2025, 10, 16, 10)
    services.loans.return_tool(volunteer, tool_id=ladder, components_ok=True)

    # -- around October 2026: what falls just outside it ---------------------------------------
    _at(clock, 2026, 9, 25, 10)
    services.loans.lend(volunteer, saw, dario, components_confirmed=True, due=date(2026, 9, 28))
    _at(clock, 2026, 9, 30, 10)
    services.visits.record(volunteer, VisitDraft(showers, age_band=AgeBand.FROM_18_TO_29))
    services.bookings.create_booking(
        volunteer, BookingDraft(sala, datetime(2026, 9, 30, 10), datetime(2026, 9, 30, 12), organisation_id=filo)
    )
    services.bookings.create_booking(
        volunteer, BookingDraft(sala, datetime(2026, 11, 2, 9), datetime(2026, 11, 2, 10), organisation_id=filo)
    )
    services.closures.add(coordinator, date(2026, 10, 12), reason="Festa")
    series = services.bookings.create_series(
        volunteer,
        SeriesDraft(sala, datetime(2026, 9, 30, 16), 60, "FREQ=WEEKLY;COUNT=6", organisation_id=coro),
    )
    services.bookings.cancel_occurrence(volunteer, series, datetime(2026, 10, 14, 16))
    services.bookings.move_occurrence(
        volunteer, series, datetime(2026, 10, 21, 16), datetime(2026, 10, 22, 16), datetime(2026, 10, 22, 17)
    )

    # -- October 2026 --------------------------------------------------------------------------
    _at(clock, 2026, 10, 2, 9)
    elena = _person(services, volunteer, "Elena", "Gallo")
    fabio = _person(services, volunteer, "Fabio", "Conti")
    new_workshop = services.workshops.create(coordinator, workshop).id
    sessions = services.workshop_sessions.create(
        coordinator, new_workshop, SessionPlan(datetime(2026, 10, 3, 10), 120, "FREQ=WEEKLY;COUNT=4")
    )
    services.enrolments.enrol(volunteer, new_workshop, anna)
    elena_place = services.enrolments.enrol(volunteer, new_workshop, elena).id
    services.enrolments.enrol(volunteer, new_workshop, fabio)  # waiting: two places
    services.loans.return_tool(volunteer, tool_id=saw, components_ok=True)
    book = services.bookings.create_booking
    book(volunteer, BookingDraft(sala, datetime(2026, 10, 5, 10), datetime(2026, 10, 5, 12), organisation_id=filo))
    book(volunteer, BookingDraft(sala, datetime(2026, 10, 6, 15), datetime(2026, 10, 6, 16, 30), person_id=gino))
    book(
        volunteer,
        BookingDraft(
            sala,
            datetime(2026, 10, 7, 9),
            datetime(2026, 10, 7, 10),
            organisation_id=scacchi,
            status=BookingStatus.TENTATIVE,
        ),
    )
    cancelled = book(
        volunteer, BookingDraft(sala, datetime(2026, 10, 8, 9), datetime(2026, 10, 8, 11), organisation_id=scacchi)
    )
    services.bookings.cancel_booking(volunteer, cancelled.id or 0)
    book(
        volunteer,
        BookingDraft(cantina, datetime(2026, 10, 20, 20), datetime(2026, 10, 20, 22), organisation_id=scacchi),
    )
    services.workshop_sessions.cancel(coordinator, sessions[3].id)
    _at(clock, 2026, 10, 3, 12)
    services.attendance.mark(volunteer, sessions[0].id, [anna, elena])
    _at(clock, 2026, 10, 5, 10)
    services.loans.lend(volunteer, ladder, chiara, components_confirmed=True, due=date(2026, 10, 8))
    record = services.visits.record
    record(volunteer, VisitDraft(showers, age_band=AgeBand.FROM_18_TO_29, gender=Gender.MALE))
    record(volunteer, VisitDraft(showers, age_band=AgeBand.FROM_18_TO_29))
    record(volunteer, VisitDraft(showers, person_id=bruno, age_band=AgeBand.FROM_65, gender=Gender.MALE))
    record(volunteer, VisitDraft(job_desk))
    payment = services.cash.record_payment
    payment(
        volunteer,
        PaymentDraft(5000, _category(services, volunteer, "room_hire"), PaymentMethod.CARD, payer_person_id=ivo),
    )
    payment(volunteer, PaymentDraft(3000, _category(services, volunteer, "workshop_fee"), payer_person_id=elena))
    wrong = payment(
        volunteer, PaymentDraft(3000, _category(services, volunteer, "workshop_fee"), payer_person_id=fabio)
    )
    services.receipts.cancel(coordinator, wrong.receipt.id if wrong.receipt else 0, "Pagato due volte")
    payment(volunteer, PaymentDraft(1500, _category(services, volunteer, "donation")))
    payment(
        volunteer,
        PaymentDraft(1000, _category(services, volunteer, "deposit_returned"), payer_person_id=bruno),
    )
    _at(clock, 2026, 10, 9, 10)
    services.loans.return_tool(volunteer, tool_id=ladder, components_ok=True)
    _at(clock, 2026, 10, 10, 12)
    services.attendance.mark(volunteer, sessions[1].id, [anna])
    _at(clock, 2026, 10, 13, 10)
    services.loans.lend(volunteer, drill, chiara, components_confirmed=True, due=date(2026, 10, 16))
    _at(clock, 2026, 10, 17, 12)
    services.attendance.mark(volunteer, sessions[2].id, [anna, fabio])  # Fabio, still waiting, came anyway
    _at(clock, 2026, 10, 20, 10)
    services.enrolments.withdraw(volunteer, elena_place)  # Fabio gets her place
    _at(clock, 2026, 10, 26, 10)
    services.loans.lend(volunteer, ladder, bruno, components_confirmed=True, due=date(2026, 10, 31))
    clock.current = end
    return MonthHouse(sala, aula, cantina, filo, coro, scacchi, ladder, drill, showers, job_desk)
