"""The demo house's rooms at the cash desk: what the calendar's holders owe, and what they paid.

Between the calendar (``demo_rooms``) and the cash desk (``demo_cash``, which numbers these
payments' receipts with all the others), ``app.demo`` asks here for the payments of the bookings.
What is owed is counted as ``booking_dues`` counts it (``accounts``): each confirmed booking with a
price, and each confirmed series with a price for its occurrences started before now (moved ones
are bookings of their own, closed days and exception dates did not happen). The payments are the
ones ``CashService.record_payment`` saves when the desk takes money for a booking: category room
hire, the holder as payer, linked with ``link_kind``/``link_id`` to the booking or the series.

How the holders pay (``pay``):
- a one-off booking (or a moved meeting of a group) when it is booked, on its day, or up to three
  weeks later; people mostly up front, associations more often later, by bank transfer;
- a series by the month, two months or quarter, as each association is used to: early in the
  next month, the meetings of the months gone; a course with a set number of meetings is mostly
  paid in full at its first meeting (a credit the later meetings use up);
- a couple of associations are behind: they have paid nothing since the start of a month one to
  three months ago;
- nothing is paid from "today" on, so what happened since the last payments is owed: the last
  weeks' bookings, the meetings of this month (or quarter), the future bookings not paid up front.

Descriptions are typed at the desk, so they are Italian data and not translated. Chance comes
from its own ``random.Random``: paying the bookings changed no other row of a seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from app.demo_calendar import Calendar
from app.demo_cash import CARDS_SINCE, ROOM_HIRE, Cashier, Draft, Payer, Payers, cashier, open_moment
from app.services.booking_dues import BOOKING, SERIES
from app.services.cash_rules import Direction, PaymentMethod
from app.services.roles import Role

MONTHS = (
    "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
    "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
)  # fmt: skip
_WRONG_METHOD = "Metodo di pagamento sbagliato"  # as the cash desk's other cancellations say it
_PERIODS = (1, 2, 3)  # months an association pays its series for at once
_PERIOD_WEIGHTS = (5, 2, 3)


@dataclass(frozen=True)
class Account:
    """A booking or a series that the desk counts as owed."""

    kind: str  # ``booking_dues.BOOKING`` or ``SERIES``
    link_id: int
    person_id: int | None
    organisation_id: int | None
    price_cents: int  # of the booking, or of each occurrence of the series
    created: datetime
    label: str  # what and where, for the payment's description: "Yoga, Sala riunioni"
    started: tuple[datetime, ...]  # the booking's start; the series' occurrences started before now
    meetings: int = 1  # a series' occurrences, past and future (moved ones are bookings)
    course: bool = False  # a series of a set number of meetings
    category: str = ROOM_HIRE  # of its payments (``demo_fees`` pays enrolments as workshop fees)


@dataclass(frozen=True)
class Owed:
    """What the calendar's holders owe, and the days the house was closed (nobody paid then)."""

    accounts: list[Account]
    closed: frozenset[int]  # ordinals


def owed_of(cal: Calendar) -> Owed:
    """What the calendar's holders owe, from the rows ``demo_rooms`` inserted (with their ids)."""
    return Owed(_accounts(cal), frozenset(cal.closed))


def _accounts(cal: Calendar) -> list[Account]:
    rooms = {room.id: room.plan.name for room in cal.rooms}
    found = []
    moved: dict[int, set[datetime]] = {}
    for row in cal.bookings:
        if row["series_id"] is not None:
            moved.setdefault(row["series_id"], set()).add(row["occurrence_start"])
        if row["status"] == "confirmed" and row["price_cents"] > 0:
            found.append(
                Account(
                    kind=BOOKING,
                    link_id=row["id"],
                    person_id=row["person_id"],
                    organisation_id=row["organisation_id"],
                    price_cents=row["price_cents"],
                    created=row["created_at"],
                    label=f"{row['purpose']}, {rooms[row['room_id']]}",
                    started=(row["starts_at"],),
                )
            )
    for series in cal.series:
        row = series.row
        if row["status"] != "confirmed" or row["price_cents"] <= 0:
            continue
        skipped = moved.get(row["id"], set())
        kept = [start for start in series.starts if start not in skipped]
        started = tuple(start for start in kept if start < cal.now)
        if started:
            found.append(
                Account(
                    kind=SERIES,
                    link_id=row["id"],
                    person_id=row["person_id"],
                    organisation_id=row["organisation_id"],
                    price_cents=row["price_cents"],
                    created=row["created_at"],
                    label=f"{row['purpose']}, {rooms[row['room_id']]}",
                    started=started,
                    meetings=len(kept),
                    course="COUNT=" in row["rrule"],
                )
            )
    return found


def pay(rng: random.Random, owed: Owed, payers: Payers, users: Sequence[Cashier], now: datetime) -> list[Draft]:
    """The payments the holders made for what they owe before the day of ``now``, in no order."""
    behind = _behind(rng, owed.accounts, now)
    return Payments(rng, payers, users, now, behind, owed.closed).of(owed.accounts)


def _behind(rng: random.Random, owed: Iterable[Account], now: datetime) -> dict[int, datetime]:
    """A couple of the organisations whose groups met in the last two months, and since when they
    have paid nothing: the start of a month one to three months ago."""
    recent = now - timedelta(days=60)
    active = sorted(
        {
            account.organisation_id
            for account in owed
            if account.kind == SERIES and account.organisation_id is not None and account.started[-1] >= recent
        }
    )
    chosen = rng.sample(active, min(len(active), max(2, len(active) // 40)))
    behind = {}
    for organisation_id in chosen:
        day = now.date() - timedelta(days=rng.randint(35, 95))
        behind[organisation_id] = datetime.combine(day.replace(day=1), time())
    return behind


def _months_later(month: date, count: int) -> date:
    """The first day of the month ``count`` months after ``month``'s."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


class Payments:
    """The payments made for accounts, as the desk takes them; ``demo_fees`` uses it for enrolments."""

    def __init__(
        self,
        rng: random.Random,
        payers: Payers,
        users: Sequence[Cashier],
        now: datetime,
        behind: dict[int, datetime],
        closed: frozenset[int],
    ) -> None:
        self._rng = rng
        self._closed = closed
        self._users = users
        self._until = datetime.combine(now.date(), time())  # nothing is paid today yet
        self._behind = behind
        self._periods: dict[int, int] = {}
        self._people = {payer.person_id: payer for payer in payers.people}
        self._organisations = {payer.organisation_id: payer for payer in payers.organisations}
        self._drafts: list[Draft] = []

    def of(self, owed: Iterable[Account]) -> list[Draft]:
        for account in owed:
            if account.kind == BOOKING:
                self._booking(account)
            elif account.course and self._rng.random() < 0.7:
                self._course(account)
            else:
                self.periodic(account)
        return self._drafts

    @property
    def drafts(self) -> list[Draft]:
        """The payments made so far, in no order."""
        return self._drafts

    def _booking(self, account: Account) -> None:
        """Paid when booked, on the day, or up to three weeks later."""
        rng = self._rng
        start = account.started[0]
        up_front, on_the_day = (0.5, 0.9) if account.person_id is not None else (0.25, 0.5)
        chance = rng.random()
        if chance < up_front:
            at = account.created + timedelta(minutes=rng.randint(1, 10))
        elif chance < on_the_day:
            at = self.moment(start.date())
        else:
            at = self.moment(start.date() + timedelta(days=rng.randint(1, 21)))
        self.add(account, at, account.price_cents, f"{account.label}, {start:%d/%m/%Y}")

    def _course(self, account: Account) -> None:
        """A course paid in full at its first meeting."""
        first = account.started[0]
        at = self.moment(first.date())
        description = f"{account.label}: corso di {account.meetings} incontri dal {first:%d/%m/%Y}"
        self.add(account, at, account.price_cents * account.meetings, description)

    def periodic(self, account: Account) -> None:
        """The meetings of each month, two months or quarter, early in the month after."""
        rng = self._rng
        period = 1
        if account.organisation_id is not None:
            period = self._periods.get(account.organisation_id, 0)
            if not period:
                period = rng.choices(_PERIODS, weights=_PERIOD_WEIGHTS)[0]
                self._periods[account.organisation_id] = period
        counts: dict[date, int] = {}
        for start in account.started:
            first = date(start.year, (start.month - 1) // period * period + 1, 1)
            counts[first] = counts.get(first, 0) + 1
        for first, count in counts.items():
            at = self.moment(_months_later(first, period) + timedelta(days=rng.randint(0, 20)))
            months = MONTHS[first.month - 1]
            if period > 1:
                months += "–" + MONTHS[first.month + period - 2]
            meetings = "1 incontro" if count == 1 else f"{count} incontri"
            description = f"{account.label}: {months} {first.year} ({meetings})"
            if not self.add(account, at, account.price_cents * count, description):
                return  # the later months are paid later still

    def moment(self, day: date) -> datetime:
        """A time during the opening hours of ``day``, or of the next day the house is open."""
        while day.weekday() == 6 or day.toordinal() in self._closed:
            day += timedelta(days=1)
        return open_moment(self._rng, day)

    def add(self, account: Account, at: datetime, amount: int, description: str) -> bool:
        """Record the payment made at ``at``, unless it is not made by now; whether it was."""
        since = self._behind.get(account.organisation_id) if account.organisation_id is not None else None
        if at >= self._until or (since is not None and at >= since):
            return False
        rng = self._rng
        payer = self._payer(account)
        method = self._method(at, payer)
        draft = Draft(
            at=at,
            direction=Direction.IN,
            amount_cents=amount,
            method=method,
            category=account.category,
            payer=payer,
            description=description,
            user_id=cashier(rng, self._users, at),
            link_kind=account.kind,
            link_id=account.link_id,
        )
        self._drafts.append(draft)
        if method is PaymentMethod.CASH and at.date() >= CARDS_SINCE and rng.random() < 0.005:
            # Typed as cash, paid by card: the receipt is cancelled and issued again.
            cancelled = at + timedelta(minutes=rng.randint(2, 10))
            if cancelled < self._until:
                coordinator = cashier(rng, self._users, cancelled, (Role.COORDINATOR, Role.ADMIN))
                draft.cancel = (cancelled, coordinator, _WRONG_METHOD)
                again = Draft(**{**vars(draft), "at": cancelled + timedelta(minutes=1), "cancel": None})
                again.method = PaymentMethod.CARD
                self._drafts.append(again)
        return True

    def _payer(self, account: Account) -> Payer:
        if account.person_id is not None:
            return self._people[account.person_id]
        assert account.organisation_id is not None  # a booking's holder is a person or an organisation
        return self._organisations[account.organisation_id]

    def _method(self, at: datetime, payer: Payer) -> PaymentMethod:
        chance = self._rng.random()
        cards = at.date() >= CARDS_SINCE
        if payer.organisation_id is not None and chance < 0.5:
            return PaymentMethod.TRANSFER
        if cards and chance > 0.75:
            return PaymentMethod.CARD
        return PaymentMethod.CASH
