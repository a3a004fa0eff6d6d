"""One recipe per service method that writes: how to draw its hostile arguments, how to call it,
and how to read back what a successful call stored.

The read-back compares field by field with what was given, after the normalisation the service
documents: text is trimmed (``clean``), colours are lower-cased, fiscal codes are upper-cased
without spaces, a birth date sets the birth year, member ids lose their repeats.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from hypothesis import strategies as st

from app.services import Services
from app.services.booking_types import BookingDraft, BookingStatus, SeriesDraft
from app.services.cash import PaymentDraft
from app.services.cash_rules import Direction, PaymentMethod
from app.services.dropin import DropInDraft
from app.services.house import DeskSettings, HouseDetails
from app.services.opening_hours import OpeningSpan
from app.services.organisations import OrganisationDraft, OrganisationKind, OrganisationService
from app.services.people import PeopleService, PersonDraft
from app.services.roles import Role
from app.services.rooms import RoomDraft, RoomService
from app.services.tool_rules import DepositOutcome, components_list
from app.services.tools import ToolDraft
from app.services.visits import AgeBand, Gender, VisitDraft
from app.services.workshop_sessions import SessionPlan
from app.services.workshops import FeeKind, WorkshopDraft, WorkshopService
from tests.app.hostile import spans
from tests.app.hostile import strategies as hs
from tests.app.hostile.checks import assert_typed
from tests.app.hostile.world import World


@dataclass(frozen=True)
class Recipe:
    name: str
    arguments: Callable[[World], st.SearchStrategy[Any]]
    call: Callable[[Services, World, Any], Any]
    check: Callable[[Services, World, Any, Any], None]
    examples: int = 25
    prepare: Callable[[Services, World], Any] = lambda services, world: None
    """Runs before the rows are counted; what it returns reaches ``call`` as ``world.prepared``."""
    good: Callable[[World], Any] = lambda world: None
    """A value the service stores; the test mixes one or two hostile fields into it."""


def _enum(kind: type) -> st.SearchStrategy[Any]:
    return st.one_of(st.sampled_from(list(kind)), st.sampled_from(list(kind)), st.sampled_from(hs.WRONG_TYPES))


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def _same(stored: Any, expected: Any) -> None:
    """Field by field, so that a failure names the field."""
    assert_typed(stored)
    for item in fields(expected):
        assert getattr(stored, item.name) == getattr(expected, item.name), item.name


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


# -- people and organisations ------------------------------------------------------------------


def _person_draft(world: World) -> st.SearchStrategy[PersonDraft]:
    return st.builds(
        PersonDraft,
        given_name=hs.text_or_wrong(),
        family_name=hs.text_or_wrong(),
        phone=st.one_of(hs.text(), st.sampled_from(("333 123 4567", "+39 (011) 12.34-56"))),
        email=st.one_of(hs.text_or_wrong(), st.just("nome@example.org")),
        address=hs.text_or_wrong(),
        birth_date=_optional(hs.day_or_wrong()),
        birth_year=_optional(hs.integer_or_wrong()),
        notes=hs.text_or_wrong(),
        consent_date=_optional(hs.day_or_wrong()),
        consent_notice_version=hs.text(),
        photo_release=hs.flag(),
        guardian_id=hs.optional_id(world.guardian),
    )


def _person_check(services: Services, world: World, draft: PersonDraft, result: Any) -> None:
    _same(services.people.get(world.actor, result.id).draft, PeopleService.normalise(draft))


def _organisation_draft(world: World) -> st.SearchStrategy[OrganisationDraft]:
    return st.builds(
        OrganisationDraft,
        name=hs.text_or_wrong(),
        kind=_enum(OrganisationKind),
        fiscal_code=st.one_of(hs.text_or_wrong(), st.just("97735280014")),
        contact_person_id=hs.optional_id(world.person),
        phone=hs.text_or_wrong(),
        email=hs.text_or_wrong(),
        notes=hs.text_or_wrong(),
        member_ids=st.one_of(
            st.tuples(st.just(world.person), st.just(world.person)),
            st.lists(hs.integer_or_wrong(), max_size=3).map(tuple),
            st.sampled_from(hs.WRONG_TYPES),
        ),
        member=hs.flag(),
    )


def _organisation_check(services: Services, world: World, draft: OrganisationDraft, result: Any) -> None:
    _same(services.organisations.get(world.actor, result.id).draft, OrganisationService.validated(draft))


# -- cash --------------------------------------------------------------------------------------


def _payment_draft(world: World) -> st.SearchStrategy[PaymentDraft]:
    return st.builds(
        PaymentDraft,
        amount_cents=hs.cents_or_wrong(),
        category_id=hs.optional_id(world.category),
        method=_enum(PaymentMethod),
        direction=_optional(_enum(Direction)),
        payer_person_id=hs.optional_id(world.person),
        payer_organisation_id=_optional(hs.optional_id(world.organisation)),
        description=hs.text_or_wrong(),
        link_kind=_optional(hs.text()),
        link_id=_optional(hs.integer_or_wrong()),
    )


def _payment_check(services: Services, world: World, draft: PaymentDraft, result: Any) -> None:
    stored = services.cash.payment(world.actor, result.row.id)
    assert_typed(stored)
    assert stored.row.amount_cents == draft.amount_cents
    assert stored.row.method == draft.method
    assert stored.description == draft.description.strip()


def _membership(world: World) -> st.SearchStrategy[tuple[Any, Any, Any]]:
    return st.tuples(
        st.one_of(st.just(world.person), hs.integer_or_wrong()),
        st.one_of(st.sampled_from((2026, 2027)), hs.integer_or_wrong()),
        hs.cents_or_wrong(),
    )


def _membership_sell(services: Services, world: World, value: tuple[Any, Any, Any]) -> Any:
    person, year, fee = value
    return services.memberships.sell(world.actor, person, year, fee)


def _membership_check(services: Services, world: World, value: tuple[Any, Any, Any], result: Any) -> None:
    person, year, fee = value
    cards = {card.id: card for card in services.memberships.of_person(world.actor, person)}
    assert_typed(cards[result.id])
    assert (cards[result.id].year, cards[result.id].fee_cents) == (year, fee)


# -- rooms, closures, bookings -----------------------------------------------------------------


@dataclass(frozen=True)
class RoomArguments(RoomDraft):
    """A room draft and the weekly spans given with it (``opening_spans=``), as one value so that
    the test's mixing puts a hostile value into any one of them, spans included."""

    opening_spans: Any = None

    def call(self, services: Services, world: World, room_id: int | None) -> Any:
        draft = RoomDraft(**{item.name: getattr(self, item.name) for item in fields(RoomDraft)})
        if room_id is None:
            return services.rooms.create(world.actor, draft, opening_spans=self.opening_spans)
        return services.rooms.update(world.actor, room_id, draft, opening_spans=self.opening_spans)


def _room_arguments(world: World) -> st.SearchStrategy[RoomArguments]:
    return st.builds(
        RoomArguments,
        name=hs.text_or_wrong(),
        capacity=hs.integer_or_wrong(),
        hourly_rate_cents=hs.cents_or_wrong(),
        member_rate_cents=_optional(hs.cents_or_wrong()),
        colour=st.one_of(st.sampled_from(("#ABCDEF", " #00ff00 ", "#12345g")), hs.text_or_wrong()),
        equipment=hs.text_or_wrong(),
        opening_hours=hs.text_or_wrong(),
        active=hs.flag(),
        parent_id=_optional(hs.optional_id(world.room)),
        opening_spans=_optional(spans.spans()),
    )


def _room_check(services: Services, world: World, given: RoomArguments, result: Any) -> None:
    """The room's fields as normalised, and its spans: those given, sorted; without any given, as
    they were (``world.prepared``, read before an update; none for a new room)."""
    stored = services.rooms.get(world.actor, result.id)
    expected = RoomService.normalise(given)
    assert_typed(stored)
    for name in (
        "name",
        "capacity",
        "hourly_rate_cents",
        "colour",
        "equipment",
        "opening_hours",
        "active",
        "parent_id",
    ):
        assert getattr(stored, name) == getattr(expected, name), name
    member_rate = given.hourly_rate_cents if given.member_rate_cents is None else given.member_rate_cents
    assert stored.member_rate_cents == member_rate
    kept = world.prepared or []
    assert services.rooms.opening_hours(world.actor, result.id) == (
        kept if given.opening_spans is None else spans.expected(given.opening_spans)
    )


def _spans_before(services: Services, world: World) -> list[OpeningSpan]:
    return services.rooms.opening_hours(world.actor, world.room)


_GOOD_WEEK = [OpeningSpan(4, time(14), time(18)), OpeningSpan(0, time(9), time(13)), OpeningSpan(0, time(13), time(18))]


def _closure(world: World) -> st.SearchStrategy[tuple[Any, Any, Any]]:
    return st.tuples(hs.day_or_wrong(), _optional(hs.day_or_wrong()), hs.text_or_wrong())


def _closure_add(services: Services, world: World, value: tuple[Any, Any, Any]) -> Any:
    first, last, reason = value
    return services.closures.add(world.actor, first, last, reason)


def _closure_check(services: Services, world: World, value: tuple[Any, Any, Any], result: Any) -> None:
    first, last, reason = value
    rows = {row.id: row for row in services.closures.closures(world.actor, first, last or first)}
    assert_typed(rows[result.id])
    assert (rows[result.id].first_day, rows[result.id].last_day) == (first, last or first)
    assert rows[result.id].reason == reason.strip()


def _booking_draft(world: World) -> st.SearchStrategy[BookingDraft]:
    return (
        st.tuples(hs.span(), st.data())
        .map(lambda pair: pair[0])
        .flatmap(
            lambda span: st.builds(
                BookingDraft,
                room_id=st.one_of(st.just(world.room), st.just(world.room), hs.integer_or_wrong()),
                start=st.just(span[0]),
                end=st.just(span[1]),
                person_id=hs.optional_id(world.person),
                organisation_id=_optional(hs.optional_id(world.organisation)),
                purpose=hs.text_or_wrong(),
                people_count=hs.integer_or_wrong(),
                status=_enum(BookingStatus),
                price_cents=_optional(hs.cents_or_wrong()),
                notes=hs.text_or_wrong(),
                public=hs.flag(),
            )
        )
    )


def _booking_check(services: Services, world: World, draft: BookingDraft, result: Any) -> None:
    stored = services.bookings.get(world.actor, result.id)
    assert_typed(stored)
    for name in ("room_id", "start", "end", "person_id", "organisation_id", "people_count", "status"):
        assert getattr(stored, name) == getattr(draft, name), name
    assert stored.purpose == draft.purpose.strip()
    if draft.price_cents is not None:
        assert stored.price_cents == draft.price_cents


def _series_draft(world: World) -> st.SearchStrategy[SeriesDraft]:
    return st.builds(
        SeriesDraft,
        room_id=st.one_of(st.just(world.room), hs.integer_or_wrong()),
        dtstart=hs.moment_or_wrong(),
        duration_minutes=st.one_of(st.integers(-60, 600), hs.integer_or_wrong()),
        rrule=hs.rrule(),
        person_id=hs.optional_id(world.person),
        purpose=hs.text_or_wrong(),
        people_count=hs.integer_or_wrong(),
        status=_enum(BookingStatus),
        price_cents=_optional(hs.cents_or_wrong()),
        notes=hs.text_or_wrong(),
        exdates=st.one_of(st.lists(hs.moment(), max_size=2).map(tuple), st.sampled_from(hs.WRONG_TYPES)),
    )


def _series_check(services: Services, world: World, draft: SeriesDraft, result: Any) -> None:
    stored = services.bookings.series(world.actor, result)
    assert_typed(stored)
    for name in ("room_id", "dtstart", "duration_minutes", "person_id"):
        assert getattr(stored, name) == getattr(draft, name), name
    assert stored.purpose == draft.purpose.strip()


def _move(world: World) -> st.SearchStrategy[tuple[Any, Any]]:
    return hs.span()


_WEEKS = itertools.count()


def _new_booking(services: Services, world: World) -> int:
    """A fresh booking to move, each on a Monday of its own from 2030, when the room is free."""
    start = datetime(2030, 1, 7, 10, 0) + timedelta(weeks=next(_WEEKS))
    draft = BookingDraft(room_id=world.room, start=start, end=start + timedelta(hours=1), person_id=world.person)
    return services.bookings.create_booking(world.actor, draft).id


def _move_booking(services: Services, world: World, value: tuple[Any, Any]) -> Any:
    return services.bookings.move_booking(world.actor, world.prepared, *value)


def _move_check(services: Services, world: World, value: tuple[Any, Any], result: Any) -> None:
    stored = services.bookings.get(world.actor, world.prepared)
    assert_typed(stored)
    assert (stored.start, stored.end) == value


# -- workshops ---------------------------------------------------------------------------------


def _workshop_draft(world: World) -> st.SearchStrategy[WorkshopDraft]:
    return st.builds(
        WorkshopDraft,
        title=hs.text_or_wrong(),
        description=hs.text_or_wrong(),
        facilitator_id=hs.optional_id(world.guardian),
        organisation_id=_optional(hs.optional_id(world.organisation)),
        room_id=hs.optional_id(world.room),
        capacity=hs.integer_or_wrong(),
        fee_cents=hs.cents_or_wrong(),
        fee_kind=_enum(FeeKind),
        member_fee_cents=_optional(hs.cents_or_wrong()),
        min_age=_optional(hs.integer_or_wrong()),
        max_age=_optional(hs.integer_or_wrong()),
        registration_open=hs.flag(),
        active=hs.flag(),
    )


def _workshop_check(services: Services, world: World, draft: WorkshopDraft, result: Any) -> None:
    _same(services.workshops.get(world.actor, result.id).draft, WorkshopService.normalise(draft))


def _plan(world: World) -> st.SearchStrategy[SessionPlan]:
    return st.builds(
        SessionPlan,
        first_start=hs.moment_or_wrong(),
        duration_minutes=st.one_of(st.integers(-30, 300), hs.integer_or_wrong()),
        rrule=hs.rrule(),
        last_day=_optional(hs.day_or_wrong()),
        skip=st.one_of(st.lists(hs.moment(), max_size=2).map(tuple), st.sampled_from(hs.WRONG_TYPES)),
    )


def _plan_create(services: Services, world: World, plan: SessionPlan) -> Any:
    return services.workshop_sessions.create(world.actor, world.workshop, plan)


def _plan_check(services: Services, world: World, plan: SessionPlan, result: Any) -> None:
    stored = {row.id: row for row in services.workshop_sessions.sessions(world.actor, world.workshop)}
    for row in result:
        assert_typed(stored[row.id])
        assert stored[row.id].start == row.start
        assert stored[row.id].start not in plan.skip
    if result:
        assert min(row.start for row in result) >= plan.first_start


def _ids(world: World, good: int) -> st.SearchStrategy[Any]:
    return st.one_of(st.just(good), hs.integer_or_wrong())


def _enrol(services: Services, world: World, value: tuple[Any, Any]) -> Any:
    return services.enrolments.enrol(world.actor, *value)


def _enrol_check(services: Services, world: World, value: tuple[Any, Any], result: Any) -> None:
    stored = services.enrolments.get(world.actor, result.id)
    assert_typed(stored)
    assert (stored.workshop_id, stored.person_id) == value


def _attendance(world: World) -> st.SearchStrategy[tuple[Any, Any, Any]]:
    return st.tuples(
        _ids(world, world.past_session),
        st.one_of(st.just([world.person]), st.lists(_ids(world, world.person), max_size=3)),
        hs.flag(),
    )


def _mark(services: Services, world: World, value: tuple[Any, Any, Any]) -> Any:
    session, people, present = value
    return services.attendance.mark(world.actor, session, people, present=present)


def _mark_check(services: Services, world: World, value: tuple[Any, Any, Any], result: Any) -> None:
    session, people, present = value
    register = services.attendance.register(world.actor, session)
    marked = {line.person_id for line in register.lines if line.present}
    assert set(people) <= marked if present else not set(people) & marked


# -- drop-in services and visits ---------------------------------------------------------------


def _visit(world: World) -> st.SearchStrategy[VisitDraft]:
    return st.builds(
        VisitDraft,
        service_id=_ids(world, world.dropin),
        person_id=_optional(hs.optional_id(world.person)),
        age_band=_optional(_enum(AgeBand)),
        gender=_optional(_enum(Gender)),
        first_visit=_optional(hs.flag()),
    )


def _visit_check(services: Services, world: World, draft: VisitDraft, result: Any) -> None:
    assert_typed(result)
    assert result.service_id == draft.service_id


def _dropin(world: World) -> st.SearchStrategy[DropInDraft]:
    return st.builds(
        DropInDraft,
        name=hs.text_or_wrong(),
        active=hs.flag(),
        records_age_band=hs.flag(),
        records_gender=hs.flag(),
        records_first_visit=hs.flag(),
    )


def _dropin_check(services: Services, world: World, draft: DropInDraft, result: Any) -> None:
    stored = services.dropin.get(world.actor, result.id)
    assert_typed(stored)
    assert stored.name == draft.name.strip()
    for name in ("active", "records_age_band", "records_gender", "records_first_visit"):
        assert getattr(stored, name) == getattr(draft, name), name


# -- tools, loans, reservations ----------------------------------------------------------------


def _tool_draft(world: World) -> st.SearchStrategy[ToolDraft]:
    return st.builds(
        ToolDraft,
        code=st.one_of(st.just(""), hs.text_or_wrong()),
        name=hs.text_or_wrong(),
        category=hs.text_or_wrong(),
        brand=hs.text_or_wrong(),
        model=hs.text_or_wrong(),
        serial=hs.text_or_wrong(),
        condition=hs.text_or_wrong(),
        deposit_cents=hs.cents_or_wrong(),
        loan_days=hs.integer_or_wrong(),
        notes=hs.text_or_wrong(),
        components=st.one_of(st.lists(hs.text(), max_size=3).map(tuple), st.sampled_from(hs.WRONG_TYPES)),
    )


def _tool_check(services: Services, world: World, draft: ToolDraft, result: Any) -> None:
    stored = services.tools.get(world.actor, result.id).draft
    assert_typed(stored)
    for name in ("name", "category", "brand", "model", "serial", "condition", "notes"):
        assert getattr(stored, name) == getattr(draft, name).strip(), name
    assert (stored.deposit_cents, stored.loan_days) == (draft.deposit_cents, draft.loan_days)
    assert stored.components == components_list("\n".join(draft.components))  # one part per line


def _lend(world: World) -> st.SearchStrategy[tuple[Any, Any, Any]]:
    return st.tuples(_ids(world, world.person), _optional(hs.day_or_wrong()), _enum(PaymentMethod))


def _lend_call(services: Services, world: World, value: tuple[Any, Any, Any]) -> Any:
    person, due, method = value
    return services.loans.lend(
        world.actor, world.tool, person, components_confirmed=True, deposit_method=method, due=due
    )


def _lend_check(services: Services, world: World, value: tuple[Any, Any, Any], result: Any) -> None:
    person, due, _method = value
    stored = services.loans.get(world.actor, result.loan.row.id)
    assert_typed(stored)
    assert stored.row.person_id == person
    if due is not None:
        assert stored.row.due_day >= due  # a closed day moves it to the next open one, as documented
    services.loans.return_tool(world.actor, tool_id=world.tool, components_ok=True, deposit=DepositOutcome.REFUND)


def _reserve(world: World) -> st.SearchStrategy[tuple[Any, Any, Any, Any]]:
    return st.tuples(_ids(world, world.person), hs.day_or_wrong(), hs.day_or_wrong(), hs.text_or_wrong())


def _reserve_call(services: Services, world: World, value: tuple[Any, Any, Any, Any]) -> Any:
    person, first, last, notes = value
    return services.tool_reservations.reserve(world.actor, world.tool, person, first, last, notes=notes)


def _reserve_check(services: Services, world: World, value: tuple[Any, Any, Any, Any], result: Any) -> None:
    person, first, last, notes = value
    stored = {row.id: row for row in services.tool_reservations.of_tool(world.actor, world.tool)}[result.id]
    assert_typed(stored)
    assert (stored.person_id, stored.from_day, stored.to_day, stored.notes) == (person, first, last, notes.strip())
    services.tool_reservations.cancel(world.actor, result.id)


# -- users and the house -----------------------------------------------------------------------


def _user(world: World) -> st.SearchStrategy[tuple[Any, Any, Any]]:
    pins = st.one_of(st.sampled_from(("135790", "0000", "12345678901234567890")), hs.text_or_wrong())
    return st.tuples(hs.text_or_wrong(), _enum(Role), pins)


def _create_user(services: Services, world: World, value: tuple[Any, Any, Any]) -> Any:
    name, role, pin = value
    return services.accounts.create_user(world.actor, name=name, role=role, pin=pin, pin_again=pin)


def _user_check(services: Services, world: World, value: tuple[Any, Any, Any], result: Any) -> None:
    name, role, pin = value
    stored = {row.id: row for row in services.accounts.users(world.actor)}[result.id]
    assert_typed(stored)
    assert (stored.name, stored.role) == (name.strip(), role)
    services.accounts.login(result.id, pin)


def _house(world: World) -> st.SearchStrategy[HouseDetails]:
    return st.builds(
        HouseDetails,
        name=hs.text_or_wrong(),
        address=hs.text_or_wrong(),
        fiscal_code=st.one_of(st.just("97735280014"), hs.text_or_wrong()),
    )


def _house_check(services: Services, world: World, draft: HouseDetails, result: Any) -> None:
    stored = services.house.details()
    assert_typed(stored)
    assert stored == result
    assert (stored.name, stored.address) == (draft.name.strip(), draft.address.strip())
    assert stored.fiscal_code == draft.fiscal_code.replace(" ", "").upper()


def _desk(world: World) -> st.SearchStrategy[DeskSettings]:
    return st.builds(
        DeskSettings,
        idle_lock_minutes=st.one_of(st.integers(1, 240), hs.integer_or_wrong()),  # in range, or not
        language=st.one_of(st.sampled_from(("it", "en", "xx")), hs.text_or_wrong()),
    )


def _desk_check(services: Services, world: World, draft: DeskSettings, result: Any) -> None:
    stored = services.house.desk_settings()
    assert_typed(stored)
    assert stored == replace(draft, language=draft.language.strip())


def _draft_call(method: str) -> Callable[[Services, World, Any], Any]:
    area, name = method.split(".")
    return lambda services, world, draft: getattr(getattr(services, area), name)(world.actor, draft)


RECIPES = (
    Recipe(
        "people.create",
        _person_draft,
        _draft_call("people.create"),
        _person_check,
        60,
        good=lambda w: PersonDraft(given_name="Amina", family_name="Diallo"),
    ),
    Recipe(
        "people.update",
        _person_draft,
        lambda services, world, draft: services.people.update(world.actor, world.person, draft),
        _person_check,
        good=lambda w: PersonDraft(given_name="Amina", family_name="Diallo"),
    ),
    Recipe(
        "organisations.create",
        _organisation_draft,
        _draft_call("organisations.create"),
        _organisation_check,
        good=lambda w: OrganisationDraft(name="Casa"),
    ),
    Recipe(
        "organisations.update",
        _organisation_draft,
        lambda services, world, draft: services.organisations.update(world.actor, world.organisation, draft),
        _organisation_check,
        good=lambda w: OrganisationDraft(name="Casa"),
    ),
    Recipe(
        "cash.record_payment",
        _payment_draft,
        _draft_call("cash.record_payment"),
        _payment_check,
        60,
        good=lambda w: PaymentDraft(500, w.category, payer_person_id=w.person, description="Offerta"),
    ),
    Recipe("memberships.sell", _membership, _membership_sell, _membership_check, good=lambda w: (w.person, 2027, 1000)),
    Recipe(
        "rooms.create",
        _room_arguments,
        lambda services, world, given: given.call(services, world, None),
        _room_check,
        40,
        good=lambda w: RoomArguments(name="Aula", capacity=10, opening_spans=_GOOD_WEEK),
    ),
    Recipe(
        "rooms.update",
        _room_arguments,
        lambda services, world, given: given.call(services, world, world.room),
        _room_check,
        40,
        prepare=_spans_before,
        good=lambda w: RoomArguments(name="Salone", capacity=80, opening_spans=_GOOD_WEEK),
    ),
    Recipe(
        "closures.add", _closure, _closure_add, _closure_check, good=lambda w: (date(2027, 8, 16), None, "Ferragosto")
    ),
    Recipe(
        "bookings.create_booking",
        _booking_draft,
        _draft_call("bookings.create_booking"),
        _booking_check,
        60,
        good=lambda w: BookingDraft(w.room, datetime(2027, 2, 1, 10), datetime(2027, 2, 1, 11), w.person),
    ),
    Recipe(
        "bookings.move_booking",
        _move,
        _move_booking,
        _move_check,
        prepare=_new_booking,
        good=lambda w: (datetime(2031, 6, 2, 10), datetime(2031, 6, 2, 11)),
    ),
    Recipe(
        "bookings.create_series",
        _series_draft,
        _draft_call("bookings.create_series"),
        _series_check,
        60,
        good=lambda w: SeriesDraft(w.room, datetime(2027, 3, 2, 18), 60, "FREQ=WEEKLY;COUNT=3", w.person),
    ),
    Recipe(
        "workshops.create",
        _workshop_draft,
        _draft_call("workshops.create"),
        _workshop_check,
        good=lambda w: WorkshopDraft(title="Cucito", facilitator_id=w.guardian, room_id=w.room),
    ),
    Recipe(
        "workshop_sessions.create",
        _plan,
        _plan_create,
        _plan_check,
        60,
        good=lambda w: SessionPlan(datetime(2027, 4, 6, 10), 60, "FREQ=WEEKLY;COUNT=2"),
    ),
    Recipe(
        "enrolments.enrol",
        lambda world: st.tuples(_ids(world, world.workshop), _ids(world, world.guardian)),
        _enrol,
        _enrol_check,
        good=lambda w: (w.workshop, w.guardian),
    ),
    Recipe("attendance.mark", _attendance, _mark, _mark_check, good=lambda w: (w.past_session, [w.person], True)),
    Recipe(
        "visits.record",
        _visit,
        _draft_call("visits.record"),
        _visit_check,
        good=lambda w: VisitDraft(service_id=w.dropin),
    ),
    Recipe(
        "dropin.create",
        _dropin,
        _draft_call("dropin.create"),
        _dropin_check,
        good=lambda w: DropInDraft(name="Sportello casa"),
    ),
    Recipe(
        "tools.create",
        _tool_draft,
        _draft_call("tools.create"),
        _tool_check,
        good=lambda w: ToolDraft(name="Sega", category="Manuali"),
    ),
    Recipe("loans.lend", _lend, _lend_call, _lend_check, good=lambda w: (w.person, None, PaymentMethod.CASH)),
    Recipe(
        "tool_reservations.reserve",
        _reserve,
        _reserve_call,
        _reserve_check,
        good=lambda w: (w.person, date(2026, 12, 1), date(2026, 12, 3), ""),
    ),
    Recipe(
        "accounts.create_user", _user, _create_user, _user_check, good=lambda w: ("Marta", Role.VOLUNTEER, "135790")
    ),
    Recipe(
        "house.update_details",
        _house,
        _draft_call("house.update_details"),
        _house_check,
        good=lambda w: HouseDetails("Casa", "Via Agliè 9", "97735280014"),
    ),
    Recipe(
        "house.update_desk_settings",
        _desk,
        _draft_call("house.update_desk_settings"),
        _desk_check,
        good=lambda w: DeskSettings(15, "it"),
    ),
)
