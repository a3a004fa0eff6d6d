"""One copy of the program writing to a real file until it is killed (or its time is up).

Run as ``python -m tests.crash.writer HOUSE_JSON --seed N --base ISO --epoch SECONDS [--seconds S]
[--contended]``.
It makes random payments, room bookings, loans and returns through the services, exactly as the
desk does, and prints one acknowledgement line per operation (``ACK {json}``) on stdout, flushed,
only AFTER the service call has returned: an acknowledged write is one the desk was told was
saved. A write the services refuse (a room already taken, a tool another desk has just lent)
prints ``REFUSED``; anything else is a bug and ends the writer with exit code 2.

With ``--contended`` (two desks at once) it seeks trouble: it lends or takes back a tool without
looking whether it is out, books within the next week only, and pauses 5 ms between writes as a
desk does, so that the other copy gets its turns at the write lock.

Its clock is the house's wall clock started at ``--base`` when the wall clock read ``--epoch``,
so that two writers started with the same arguments share one timeline (a loan returned by one
is never before it was lent by the other).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from app.db.schema import open_database
from app.errors import ValidationError
from app.services import Services
from app.services.bookings import BookingDraft
from app.services.cash import PaymentDraft
from app.services.cash_rules import PaymentMethod
from app.services.roles import Actor, Role
from tests.crash.house import House

METHODS = (PaymentMethod.CASH, PaymentMethod.CARD, PaymentMethod.TRANSFER)


@dataclass(frozen=True)
class ElapsedClock:
    """The wall clock moved to ``base``: now = base + (time.time() - epoch), to the second."""

    base: datetime
    epoch: float

    def now(self) -> datetime:
        return (self.base + timedelta(seconds=time.time() - self.epoch)).replace(microsecond=0)

    def today(self) -> date:
        return self.now().date()


def ack(kind: str, **fields: Any) -> None:
    """Tell the harness a write was saved: one line, flushed at once."""
    sys.stdout.write("ACK " + json.dumps({"op": kind, **fields}) + "\n")
    sys.stdout.flush()


@dataclass(frozen=True)
class Style:
    """How the writer chooses: ``blind`` tool operations, and how many days ahead it books."""

    blind: bool = False
    booking_days: int = 3650


def pay(services: Services, actor: Actor, house: House, rng: random.Random, style: Style) -> None:
    draft = PaymentDraft(
        amount_cents=rng.randint(50, 9000),
        category_id=house.category_id,
        method=rng.choice(METHODS),
        payer_person_id=rng.choice(house.person_ids),
        description="crash harness",
    )
    details = services.cash.record_payment(actor, draft)
    assert details.receipt is not None
    ack("payment", id=details.row.id, receipt=details.receipt.id, amount=draft.amount_cents)


def book(services: Services, actor: Actor, house: House, rng: random.Random, style: Style) -> None:
    day = services.clock.today() + timedelta(days=rng.randint(1, style.booking_days))
    start = datetime.combine(day, datetime.min.time()) + timedelta(hours=rng.randint(8, 20))
    draft = BookingDraft(
        room_id=rng.choice(house.room_ids),
        start=start,
        end=start + timedelta(hours=1),
        person_id=rng.choice(house.person_ids),
        purpose="crash harness",
    )
    row = services.bookings.create_booking(actor, draft)
    ack("booking", id=row.id, room=draft.room_id, start=start.isoformat())


def lend_or_return(services: Services, actor: Actor, house: House, rng: random.Random, style: Style) -> None:
    tool_id = rng.choice(house.tool_ids)
    out = rng.random() < 0.5 if style.blind else services.loans.open_loan_of_tool(actor, tool_id) is not None
    if not out:
        lent = services.loans.lend(actor, tool_id, rng.choice(house.person_ids), components_confirmed=True)
        receipt = lent.receipt.id if lent.receipt is not None else None
        ack("lend", id=lent.loan.row.id, tool=tool_id, deposit=lent.loan.row.deposit_cents, receipt=receipt)
    else:
        back = services.loans.return_tool(actor, tool_id=tool_id, components_ok=True)
        ack("return", id=back.loan.row.id, tool=tool_id, refund=back.refund_payment_id, amount=back.refunded_cents)


OPERATIONS = ((pay, 4), (book, 3), (lend_or_return, 4))


def run(
    house: House,
    *,
    seed: int,
    base: datetime,
    epoch: float,
    seconds: float | None,
    contended: bool = False,
    operations: int | None = None,
) -> int:
    """Write until ``seconds`` have passed or ``operations`` were tried, whichever comes first
    (neither: until killed). A count, unlike a time, does as much on a busy machine as on an idle one.
    """
    rng = random.Random(seed)
    database = open_database(Path(house.path), backups_dir=Path(house.path).parent / "backups")
    services = Services.build(database=database, clock=ElapsedClock(base, epoch))
    kinds = [operation for operation, _weight in OPERATIONS]
    weights = [weight for _operation, weight in OPERATIONS]
    style = Style(blind=True, booking_days=7) if contended else Style()
    refused = 0
    print("READY", flush=True)
    deadline = None if seconds is None else time.monotonic() + seconds
    try:
        tried = 0
        while (deadline is None or time.monotonic() < deadline) and (operations is None or tried < operations):
            tried += 1
            actor = Actor(user_id=rng.choice(house.user_ids), name="", role=Role.VOLUNTEER)
            try:
                rng.choices(kinds, weights)[0](services, actor, house, rng, style)
            except ValidationError:
                refused += 1
                print("REFUSED", flush=True)
            if contended:
                time.sleep(0.005)
    finally:
        database.close()
    print(f"DONE refused={refused}", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("house", help="the house as JSON (tests.crash.house.House.to_json)")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--base", type=datetime.fromisoformat, required=True)
    parser.add_argument("--epoch", type=float, required=True)
    parser.add_argument("--seconds", type=float, default=None, help="stop after this long (default: never)")
    parser.add_argument("--contended", action="store_true", help="seek conflicts with another copy")
    options = parser.parse_args(argv)
    try:
        return run(
            House.from_json(options.house),
            seed=options.seed,
            base=options.base,
            epoch=options.epoch,
            seconds=options.seconds,
            contended=options.contended,
        )
    except Exception:
        traceback.print_exc()
        return 2


if __name__ == "__main__":
    sys.exit(main())
