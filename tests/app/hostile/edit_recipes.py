"""Recipes for the writing methods that change, cancel or remove what exists (edits, moves,
cancellations, settings, imports, erasure): each ``prepare`` makes a fresh record to act on.

A drawn argument may be ``MINE``: the record ``prepare`` made for this example (its id, a start
of its series...), resolved by ``_mine`` at call time, since hypothesis draws before ``prepare``.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from app.services import Services
from app.services.attendance import AttendanceChange
from app.services.booking_types import BookingDraft, SeriesDraft
from app.services.cash import PaymentDraft
from app.services.cash_rules import Direction, PaymentMethod, StampDutyMode
from app.services.cash_settings import CategoryDraft
from app.services.closures import ProposedHoliday
from app.services.dropin import DropInDraft
from app.services.opening_hours import OpeningSpan
from app.services.people import PersonDraft
from app.services.roles import Role
from app.services.tool_rules import DepositOutcome, ToolStatus
from app.services.tools import ToolDraft
from app.services.visits import VisitDraft
from app.services.workshop_sessions import SessionPlan
from app.services.workshops import WorkshopDraft
from tests.app.hostile import recipes as base
from tests.app.hostile import spans
from tests.app.hostile import strategies as hs
from tests.app.hostile.checks import assert_typed
from tests.app.hostile.recipes import Recipe
from tests.app.hostile.world import World


class _Mine:
    """Not a dataclass: the test's mixing would take it apart field by field."""

    def __init__(self, key: str = "id") -> None:
        self.key = key

    def __repr__(self) -> str:
        return f"MINE({self.key})"


MINE = _Mine()
MINE_START = _Mine("start")


def _mine(world: World, value: Any) -> Any:
    return world.prepared[value.key] if isinstance(value, _Mine) else value


def _ref(mine: _Mine = MINE) -> st.SearchStrategy[Any]:
    """The prepared record (twice as likely) or a hostile id."""
    return st.one_of(st.just(mine), st.just(mine), hs.integer_or_wrong())


_SLOTS = itertools.count()


def _slot() -> datetime:
    """A Monday 10:00 of its own from 2032, when the room is free, for each prepared record."""
    return datetime(2032, 1, 5, 10, 0) + timedelta(weeks=next(_SLOTS))


# -- bookings and series -----------------------------------------------------------------------


def _booking(services: Services, world: World) -> dict[str, Any]:
    start = _slot()
    draft = BookingDraft(room_id=world.room, start=start, end=start + timedelta(hours=1), person_id=world.person)
    return {"id": services.bookings.create_booking(world.actor, draft).id}


def _series(services: Services, world: World) -> dict[str, Any]:
    start = _slot()
    draft = SeriesDraft(world.room, start, 60, "FREQ=DAILY;COUNT=3", world.person)
    return {"id": services.bookings.create_series(world.actor, draft), "start": start + timedelta(days=1)}


def _good_booking(world: World) -> BookingDraft:
    start = datetime(2040, 5, 7, 10)
    return BookingDraft(world.room, start, start + timedelta(hours=1), world.person, purpose="Riunione")


def _good_series(world: World) -> SeriesDraft:
    return SeriesDraft(world.room, datetime(2040, 6, 5, 18), 60, "FREQ=DAILY;COUNT=2", world.person)


def _free_room(services: Services, world: World) -> None:
    """Cancel what a stored example booked, so that the next good example finds the room free."""
    for row in services.bookings.bookings_between(world.actor, datetime(2033, 1, 1), datetime(2199, 1, 1)):
        if row.series_id is None and row.id is not None:
            services.bookings.cancel_booking(world.actor, row.id)
    for series_id in {
        row.series_id
        for row in services.bookings.bookings_between(world.actor, datetime(2033, 1, 1), datetime(2199, 1, 1))
        if row.series_id is not None
    }:
        services.bookings.cancel_series(world.actor, series_id)


def _update_booking(services: Services, world: World, value: tuple[Any, Any]) -> Any:
    return services.bookings.update_booking(world.actor, _mine(world, value[0]), value[1])


def _update_booking_check(services: Services, world: World, value: tuple[Any, Any], result: Any) -> None:
    base._booking_check(services, world, value[1], result)
    _free_room(services, world)


def _update_occurrence(services: Services, world: World, value: tuple[Any, Any, Any]) -> Any:
    series, start, draft = (_mine(world, item) for item in value)
    return services.bookings.update_occurrence(world.actor, series, start, draft)


def _update_occurrence_check(services: Services, world: World, value: tuple[Any, Any, Any], result: Any) -> None:
    base._booking_check(services, world, value[2], result)
    _free_room(services, world)


def _move_occurrence(services: Services, world: World, value: tuple[Any, Any, Any, Any]) -> Any:
    series, start, new_start, new_end = (_mine(world, item) for item in value)
    return services.bookings.move_occurrence(world.actor, series, start, new_start, new_end)


def _move_occurrence_check(services: Services, world: World, value: tuple[Any, Any, Any, Any], result: Any) -> None:
    stored = services.bookings.get(world.actor, result.id)
    assert_typed(stored)
    assert (stored.start, stored.end) == (value[2], value[3])
    _free_room(services, world)


def _update_series(services: Services, world: World, value: tuple[Any, Any]) -> Any:
    return services.bookings.update_series(world.actor, _mine(world, value[0]), value[1])


def _update_series_check(services: Services, world: World, value: tuple[Any, Any], result: Any) -> None:
    base._series_check(services, world, value[1], world.prepared["id"])
    _free_room(services, world)


def _update_following(services: Services, world: World, value: tuple[Any, Any, Any]) -> Any:
    series, start, draft = (_mine(world, item) for item in value)
    return services.bookings.update_following(world.actor, series, start, draft)


def _update_following_check(services: Services, world: World, value: tuple[Any, Any, Any], result: Any) -> None:
    base._series_check(services, world, value[2], result)
    _free_room(services, world)


def _occurrence_gone(services: Services, world: World, value: tuple[Any, Any], result: Any) -> None:
    series, start = (_mine(world, item) for item in value)
    rows = services.bookings.bookings_between(world.actor, start, start + timedelta(minutes=60))
    assert all(row.series_id != series or row.start != start for row in rows)


# -- workshops, enrolments, attendance ---------------------------------------------------------


def _session(services: Services, world: World) -> dict[str, Any]:
    plan = SessionPlan(first_start=_slot(), duration_minutes=60, rrule="FREQ=DAILY;COUNT=1")
    return {"id": services.workshop_sessions.create(world.actor, world.workshop, plan)[0].id}


def _session_move(services: Services, world: World, value: tuple[Any, Any, Any, Any]) -> Any:
    session, start, end, room = (_mine(world, item) for item in value)
    return services.workshop_sessions.move(world.actor, session, start, end, room_id=room)


def _session_move_check(services: Services, world: World, value: tuple[Any, Any, Any, Any], result: Any) -> None:
    stored = services.workshop_sessions.session(world.actor, result.id)
    assert_typed(stored)
    assert (stored.start, stored.end) == (value[1], value[2])
    services.workshop_sessions.cancel(world.actor, result.id)  # frees the room for the next example


def _enrolment(services: Services, world: World) -> dict[str, Any]:
    person = services.people.create(world.actor, PersonDraft(given_name="Iscritta", family_name="Nuova")).id
    return {"id": services.enrolments.enrol(world.actor, world.workshop, person).id}


def _all_present_check(services: Services, world: World, value: Any, result: Any) -> None:
    register = services.attendance.register(world.actor, _mine(world, value))
    assert all(line.present for line in register.lines)


def _change(world: World) -> st.SearchStrategy[Any]:
    people = st.lists(st.one_of(st.just(world.person), hs.integer_or_wrong()), max_size=3).map(tuple)
    return st.one_of(
        st.builds(
            AttendanceChange,
            session_id=st.one_of(st.just(world.past_session), hs.integer_or_wrong()),
            added=st.one_of(people, st.sampled_from(hs.WRONG_TYPES)),
            removed=st.one_of(people, st.sampled_from(hs.WRONG_TYPES)),
        ),
        st.sampled_from(hs.WRONG_TYPES),
    )


def _undo_check(services: Services, world: World, change: AttendanceChange, result: Any) -> None:
    register = services.attendance.register(world.actor, change.session_id)
    present = {line.person_id for line in register.lines if line.present}
    assert not set(change.added) & present
    assert set(change.removed) & {line.person_id for line in register.lines} <= present


def _workshop_update_check(services: Services, world: World, draft: WorkshopDraft, result: Any) -> None:
    base._workshop_check(services, world, draft, result.workshop)


# -- drop-in, visits, tools, loans -------------------------------------------------------------


def _visit(services: Services, world: World) -> dict[str, Any]:
    return {"id": services.visits.record(world.actor, VisitDraft(service_id=world.dropin)).id}


def _tool(services: Services, world: World) -> dict[str, Any]:
    return {"id": services.tools.create(world.actor, ToolDraft(name="Avvitatore", deposit_cents=1000)).id}


def _loan(services: Services, world: World) -> dict[str, Any]:
    tool = _tool(services, world)["id"]
    lent = services.loans.lend(world.actor, tool, world.person, components_confirmed=True)
    return {"id": lent.loan.row.id, "tool": tool}


def _return(services: Services, world: World, value: tuple[Any, ...]) -> Any:
    loan, ok, note, repair, deposit, reason, method = (_mine(world, item) for item in value)
    return services.loans.return_tool(
        world.actor,
        loan_id=loan,
        components_ok=ok,
        condition_note=note,
        needs_repair=repair,
        deposit=deposit,
        keep_reason=reason,
        refund_method=method,
    )


def _return_check(services: Services, world: World, value: tuple[Any, ...], result: Any) -> None:
    stored = services.loans.get(world.actor, result.loan.row.id)
    assert_typed(stored)
    assert stored.row.returned_at is not None
    assert result.refunded_cents + result.kept_cents == 1000


def _extend(services: Services, world: World, value: tuple[Any, Any, Any]) -> Any:
    loan, days, due = (_mine(world, item) for item in value)
    return services.loans.extend(world.actor, loan, days=days, due=due)


def _extend_check(services: Services, world: World, value: tuple[Any, Any, Any], result: Any) -> None:
    stored = services.loans.get(world.actor, result.row.id)
    assert_typed(stored)
    assert stored.row.due_day == result.row.due_day >= (value[2] or date(2026, 11, 25))


def _reservation(services: Services, world: World) -> dict[str, Any]:
    tool = _tool(services, world)["id"]  # a tool of its own: a refused cancel leaves its reservation
    first = date(2026, 12, 1)
    return {"id": services.tool_reservations.reserve(world.actor, tool, world.person, first, first).id}


_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
_JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40


def _picture() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from((_PNG, _JPEG, None, b"", b"GIF89a", b"\x89PNG" + b"x" * (20 * 1024 * 1024))),
        st.binary(max_size=64),
        st.sampled_from(hs.WRONG_TYPES),
    )


def _logo_check(services: Services, world: World, data: Any, result: Any) -> None:
    logo = services.house.logo(world.actor)
    assert (logo.data if logo else None) == (data or None)


def _tool_update_check(services: Services, world: World, draft: ToolDraft, result: Any) -> None:
    base._tool_check(services, world, draft, result)


def _photo_check(services: Services, world: World, value: tuple[Any, Any], result: Any) -> None:
    photo = services.tools.photo(world.actor, _mine(world, value[0]))
    assert (photo.data if photo else None) == (value[1] or None)


def _status_check(services: Services, world: World, value: tuple[Any, Any, Any], result: Any) -> None:
    stored = services.tools.get(world.actor, _mine(world, value[0]))
    assert_typed(stored)
    assert stored.status == value[1]


# -- rooms, closures, cash ---------------------------------------------------------------------


def _spans_check(services: Services, world: World, value: tuple[Any, Any], result: Any) -> None:
    stored = services.rooms.opening_hours(world.actor, world.room)
    assert stored == result == spans.expected(value[1])


def _holidays(world: World) -> st.SearchStrategy[Any]:
    proposal = st.builds(ProposedHoliday, day=hs.day_or_wrong(), name=hs.text_or_wrong(), already_closed=hs.flag())
    return st.one_of(st.lists(proposal, max_size=3), st.sampled_from(hs.WRONG_TYPES))


def _holidays_check(services: Services, world: World, value: list[ProposedHoliday], result: Any) -> None:
    for row in result:
        assert_typed(row)
        assert row.first_day in {proposal.day for proposal in value}


def _closure(services: Services, world: World) -> dict[str, Any]:
    return {"id": services.closures.add(world.actor, _slot().date(), None, "Chiuso").id}


def _category_draft(world: World) -> st.SearchStrategy[Any]:
    return st.builds(
        CategoryDraft,
        name=hs.text_or_wrong(),
        direction=base._enum(Direction),
        stamp_exempt=hs.flag(),
        active=hs.flag(),
    )


def _category_check(services: Services, world: World, value: Any, result: Any) -> None:
    draft = value[1] if isinstance(value, tuple) else value
    stored = {row.id: row for row in services.cash_settings.categories(world.actor, include_inactive=True)}[result.id]
    assert_typed(stored)
    assert stored.direction == draft.direction
    assert (stored.stamp_exempt, stored.active) == (draft.stamp_exempt, draft.active)


def _new_category(services: Services, world: World) -> dict[str, Any]:
    return {"id": services.cash_settings.add_category(world.actor, CategoryDraft(name=f"Voce {next(_SLOTS)}")).id}


def _close_cash(services: Services, world: World, value: tuple[Any, Any, Any, Any]) -> Any:
    return services.cash_closings.close(world.actor, *value)


def _close_check(services: Services, world: World, value: tuple[Any, Any, Any, Any], result: Any) -> None:
    day, user, _float, counted = value
    stored = services.cash_closings.closing(world.actor, day, user)
    assert stored is not None
    assert_typed(stored)
    assert stored.counted_cents == counted


def _receipt(services: Services, world: World) -> dict[str, Any]:
    paid = services.cash.record_payment(
        world.actor, PaymentDraft(700, world.category, payer_person_id=world.person, description="Offerta")
    )
    assert paid.receipt is not None
    return {"id": paid.receipt.id}


# -- accounts, the house, calendars, privacy ---------------------------------------------------


def _user(services: Services, world: World) -> dict[str, Any]:
    name = f"Volontaria {next(_SLOTS)}"
    return {"id": services.accounts.create_user(world.actor, name=name, role=Role.VOLUNTEER, pin="246802").id}


def _pins() -> st.SearchStrategy[Any]:
    return st.one_of(st.sampled_from(("135790", "0000", "12345678901234567890")), hs.text_or_wrong())


def _set_pin(services: Services, world: World, value: tuple[Any, Any, Any]) -> Any:
    user, pin, again = (_mine(world, item) for item in value)
    return services.accounts.set_pin(world.actor, user, pin=pin, pin_again=again)


def _set_pin_check(services: Services, world: World, value: tuple[Any, Any, Any], result: Any) -> None:
    services.accounts.login(_mine(world, value[0]), value[1])


def _update_user(services: Services, world: World, value: tuple[Any, Any, Any, Any]) -> Any:
    user, name, role, active = (_mine(world, item) for item in value)
    return services.accounts.update_user(world.actor, user, name=name, role=role, active=active)


def _update_user_check(services: Services, world: World, value: tuple[Any, Any, Any, Any], result: Any) -> None:
    stored = {row.id: row for row in services.accounts.users(world.actor)}[result.id]
    assert_typed(stored)
    assert (stored.name, stored.role, stored.active) == (value[1].strip(), value[2], value[3])


_ICS_HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hostile//EN\r\n"


def _event(start: str, rule: str = "", uid: str = "a") -> str:
    rrule = f"RRULE:{rule}\r\n" if rule else ""
    return f"BEGIN:VEVENT\r\nUID:{uid}@x\r\nDTSTART:{start}\r\nDURATION:PT1H\r\n{rrule}SUMMARY:Coro\r\nEND:VEVENT\r\n"


_ICS_SAMPLES = (
    _ICS_HEAD + _event("20270104T100000") + "END:VCALENDAR\r\n",
    _ICS_HEAD + _event("20270105T100000", "FREQ=WEEKLY;COUNT=3") + "END:VCALENDAR\r\n",
    _ICS_HEAD + _event("20270106T100000", "FREQ=SECONDLY") + "END:VCALENDAR\r\n",
    _ICS_HEAD + _event("20270107T100000", "FREQ=YEARLY;BYMONTH=13") + "END:VCALENDAR\r\n",
    _ICS_HEAD + _event("20270108T100000", "FREQ=WEEKLY;UNTIL=99991231T000000") + "END:VCALENDAR\r\n",
    _ICS_HEAD + _event("00010101T000000") + "END:VCALENDAR\r\n",
    _ICS_HEAD + _event("99991231T230000") + "END:VCALENDAR\r\n",
    _ICS_HEAD + _event("2027-01-09 10:00") + "END:VCALENDAR\r\n",
    _ICS_HEAD
    + "".join(_event(f"2028{m:02d}{d:02d}T100000", uid=f"{m}-{d}") for m in (1, 2) for d in range(1, 29))
    + "END:VCALENDAR\r\n",
    _ICS_HEAD + "BEGIN:VEVENT\r\nSUMMARY:" + "x" * 200_000 + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n",
    "",
    "\x00\xff garbage",
    hs.SQL,
)


def _ics(world: World) -> st.SearchStrategy[Any]:
    return st.tuples(
        st.one_of(st.sampled_from(_ICS_SAMPLES), hs.text(), st.binary(max_size=200)),
        st.one_of(st.just(world.room), st.just(world.room), hs.integer_or_wrong()),
        base._optional(hs.optional_id(world.person)),
    )


_FILES = itertools.count()


def _import_ics(services: Services, world: World, value: tuple[Any, Any, Any]) -> Any:
    content, room, person = value
    path = Path(world.prepared["dir"]) / f"hostile-{next(_FILES)}.ics"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    return services.calendars.import_ics(world.actor, path, room_id=room, person_id=person)


def _import_check(services: Services, world: World, value: tuple[Any, Any, Any], result: Any) -> None:
    assert_typed(result)
    assert result.created + result.skipped + result.conflicts >= 0
    _free_room(services, world)


def _tmp(services: Services, world: World) -> dict[str, Any]:
    import tempfile

    return {"dir": tempfile.mkdtemp(prefix="hostile-ics-")}


def _erasable(services: Services, world: World) -> dict[str, Any]:
    person = services.people.create(world.actor, PersonDraft(given_name="Zoë", family_name="Dell'Acqua")).id
    return {"id": person}


def _erase_check(services: Services, world: World, value: tuple[Any, Any], result: Any) -> None:
    assert services.privacy.is_erased(world.actor, _mine(world, value[0]))


def _names() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from(("Zoë Dell'Acqua", "dell'acqua zoe", " ZOE  DELL'ACQUA ", "Zoe", "Amina Diallo")),
        hs.text_or_wrong(),
    )


def _call(method: str, *keys: str) -> Any:
    """``services.<area>.<name>(actor, *arguments)`` with ``MINE`` resolved; one argument is not a tuple."""
    area, name = method.split(".")

    def call(services: Services, world: World, value: Any) -> Any:
        items = value if isinstance(value, tuple) and keys != ("single",) else (value,)
        return getattr(getattr(services, area), name)(world.actor, *(_mine(world, item) for item in items))

    return call


EDIT_RECIPES = (
    Recipe(
        "bookings.update_booking",
        lambda w: st.tuples(_ref(), base._booking_draft(w)),
        _update_booking,
        _update_booking_check,
        prepare=_booking,
        good=lambda w: (MINE, _good_booking(w)),
    ),
    Recipe(
        "bookings.update_occurrence",
        lambda w: st.tuples(_ref(), st.one_of(st.just(MINE_START), hs.moment_or_wrong()), base._booking_draft(w)),
        _update_occurrence,
        _update_occurrence_check,
        prepare=_series,
        good=lambda w: (MINE, MINE_START, _good_booking(w)),
    ),
    Recipe(
        "bookings.move_occurrence",
        lambda w: st.tuples(_ref(), st.one_of(st.just(MINE_START), hs.moment_or_wrong()), *(hs.moment_or_wrong(),) * 2),
        _move_occurrence,
        _move_occurrence_check,
        prepare=_series,
        good=lambda w: (MINE, MINE_START, datetime(2040, 5, 7, 10), datetime(2040, 5, 7, 11)),
    ),
    Recipe(
        "bookings.update_series",
        lambda w: st.tuples(_ref(), base._series_draft(w)),
        _update_series,
        _update_series_check,
        prepare=_series,
        good=lambda w: (MINE, _good_series(w)),
    ),
    Recipe(
        "bookings.update_following",
        lambda w: st.tuples(_ref(), st.one_of(st.just(MINE_START), hs.moment_or_wrong()), base._series_draft(w)),
        _update_following,
        _update_following_check,
        prepare=_series,
        good=lambda w: (MINE, MINE_START, _good_series(w)),
    ),
    Recipe(
        "bookings.cancel_occurrence",
        lambda w: st.tuples(_ref(), st.one_of(st.just(MINE_START), hs.moment_or_wrong())),
        _call("bookings.cancel_occurrence"),
        _occurrence_gone,
        10,
        prepare=_series,
        good=lambda w: (MINE, MINE_START),
    ),
    Recipe(
        "bookings.cancel_following",
        lambda w: st.tuples(_ref(), st.one_of(st.just(MINE_START), hs.moment_or_wrong())),
        _call("bookings.cancel_following"),
        _occurrence_gone,
        10,
        prepare=_series,
        good=lambda w: (MINE, MINE_START),
    ),
    Recipe(
        "workshops.update",
        lambda w: st.tuples(st.one_of(st.just(w.workshop), hs.integer_or_wrong()), base._workshop_draft(w)),
        _call("workshops.update"),
        lambda s, w, v, r: _workshop_update_check(s, w, v[1], r),
        good=lambda w: (w.workshop, WorkshopDraft(title="Sartoria", facilitator_id=w.guardian, room_id=w.room)),
    ),
    Recipe(
        "workshop_sessions.move",
        lambda w: st.tuples(_ref(), hs.moment_or_wrong(), hs.moment_or_wrong(), base._optional(hs.optional_id(w.room))),
        _session_move,
        _session_move_check,
        prepare=_session,
        good=lambda w: (MINE, datetime(2040, 5, 8, 10), datetime(2040, 5, 8, 11), None),
    ),
    Recipe(
        "attendance.all_present",
        lambda w: st.one_of(st.just(w.past_session), hs.integer_or_wrong()),
        _call("attendance.all_present", "single"),
        lambda s, w, v, r: _all_present_check(s, w, v, r),
        10,
        good=lambda w: w.past_session,
    ),
    Recipe(
        "attendance.undo",
        _change,
        _call("attendance.undo", "single"),
        _undo_check,
        good=lambda w: AttendanceChange(w.past_session, (w.person,), ()),
    ),
    Recipe(
        "dropin.update",
        lambda w: st.tuples(st.one_of(st.just(w.dropin), hs.integer_or_wrong()), base._dropin(w)),
        _call("dropin.update"),
        lambda s, w, v, r: base._dropin_check(s, w, v[1], r),
        good=lambda w: (w.dropin, DropInDraft(name="Sportello")),
    ),
    Recipe(
        "tools.update",
        lambda w: st.tuples(_ref(), base._tool_draft(w)),
        _call("tools.update"),
        lambda s, w, v, r: _tool_update_check(s, w, v[1], r),
        prepare=_tool,
        good=lambda w: (MINE, ToolDraft(name="Sega", category="Manuali")),
    ),
    Recipe(
        "tools.set_status",
        lambda w: st.tuples(_ref(), base._enum(ToolStatus), hs.text_or_wrong()),
        _call("tools.set_status"),
        _status_check,
        prepare=_tool,
        good=lambda w: (MINE, ToolStatus.IN_REPAIR, "Punta rotta"),
    ),
    Recipe(
        "tools.set_photo",
        lambda w: st.tuples(_ref(), _picture()),
        _call("tools.set_photo"),
        _photo_check,
        prepare=_tool,
        good=lambda w: (MINE, _PNG),
    ),
    Recipe(
        "loans.return_tool",
        lambda w: st.tuples(
            _ref(),
            hs.flag(),
            hs.text_or_wrong(),
            hs.flag(),
            base._enum(DepositOutcome),
            hs.text_or_wrong(),
            base._enum(PaymentMethod),
        ),
        _return,
        _return_check,
        prepare=_loan,
        good=lambda w: (MINE, True, "", False, DepositOutcome.REFUND, "", PaymentMethod.CASH),
    ),
    Recipe(
        "loans.extend",
        lambda w: st.tuples(_ref(), base._optional(hs.integer_or_wrong()), base._optional(hs.day_or_wrong())),
        _extend,
        _extend_check,
        prepare=_loan,
        good=lambda w: (MINE, 7, None),
    ),
    Recipe(
        "rooms.set_opening_hours",
        lambda w: st.tuples(st.one_of(st.just(w.room), hs.integer_or_wrong()), spans.spans()),
        _call("rooms.set_opening_hours"),
        _spans_check,
        40,
        good=lambda w: (w.room, [OpeningSpan(0, time(9), time(18))]),
    ),
    Recipe(
        "closures.accept_holidays",
        _holidays,
        _call("closures.accept_holidays", "single"),
        _holidays_check,
        good=lambda w: [ProposedHoliday(date(2041, 12, 25), "Natale", False)],
    ),
    Recipe(
        "cash_settings.add_category",
        _category_draft,
        _call("cash_settings.add_category", "single"),
        _category_check,
        good=lambda w: CategoryDraft(name="Rimborsi"),
    ),
    Recipe(
        "cash_settings.update_category",
        lambda w: st.tuples(_ref(), _category_draft(w)),
        _call("cash_settings.update_category"),
        _category_check,
        prepare=_new_category,
        good=lambda w: (MINE, CategoryDraft(name="Rimborsi spese")),
    ),
    Recipe(
        "cash_settings.set_stamp_duty_mode",
        lambda w: base._enum(StampDutyMode),
        _call("cash_settings.set_stamp_duty_mode", "single"),
        lambda s, w, v, r: None if s.cash_settings.stamp_duty_mode() == v else pytest_fail(v),
        10,
        good=lambda w: StampDutyMode.EXEMPT,
    ),
    Recipe(
        "cash_closings.close",
        lambda w: st.tuples(
            hs.day_or_wrong(), base._optional(hs.integer_or_wrong()), hs.cents_or_wrong(), hs.cents_or_wrong()
        ),
        _close_cash,
        _close_check,
        good=lambda w: (date(2026, 11, 24), None, 5000, 5000),
    ),
    Recipe(
        "house.set_logo",
        lambda w: _picture(),
        _call("house.set_logo", "single"),
        _logo_check,
        good=lambda w: _PNG,
    ),
    Recipe(
        "accounts.set_pin",
        lambda w: _pins().flatmap(lambda pin: st.tuples(_ref(), st.just(pin), st.one_of(st.just(pin), _pins()))),
        _set_pin,
        _set_pin_check,
        prepare=_user,
        good=lambda w: (MINE, "975310", "975310"),
    ),
    Recipe(
        "accounts.update_user",
        lambda w: st.tuples(_ref(), hs.text_or_wrong(), base._enum(Role), hs.flag()),
        _update_user,
        _update_user_check,
        prepare=_user,
        good=lambda w: (MINE, "Marta B.", Role.COORDINATOR, True),
    ),
    Recipe(
        "calendars.import_ics",
        _ics,
        _import_ics,
        _import_check,
        prepare=_tmp,
        good=lambda w: (_ICS_SAMPLES[0], w.room, w.person),
    ),
    Recipe(
        "privacy.erase",
        lambda w: st.tuples(_ref(), _names()),
        _call("privacy.erase"),
        _erase_check,
        prepare=_erasable,
        good=lambda w: (MINE, "Zoë Dell'Acqua"),
    ),
    Recipe(
        "privacy.set_retention_years",
        lambda w: hs.integer_or_wrong(),
        _call("privacy.set_retention_years", "single"),
        lambda s, w, v, r: None if s.privacy.retention_years(w.actor) == v else pytest_fail(v),
        good=lambda w: 7,
    ),
)


def pytest_fail(value: Any) -> None:
    raise AssertionError(f"{value!r} was not stored")
