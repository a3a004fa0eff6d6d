"""The lending desk's one field: what a scan or a typed text stands for.

A USB barcode scanner types what it reads and Enter, like a keyboard; the desk may also type. The
text is tried, in this order, as:
1. a tool's code, exactly but in any case (``tr-0042`` is ``TR-0042``): one lookup on the unique
   index. A scanner set for a US keyboard on an Italian layout types ``'`` for ``-``; that is
   read as a dash too;
2. a membership card: its scannable form is ``T-YYYY-NNNN`` (``card_code``: "T" for *tessera*,
   the year, the card's number on at least four digits), as a card's barcode prints it; the bare
   number (``153``) means a card of this year. One lookup on the unique (year, number) index.
   A card whose receipt was cancelled still says who the person is;
3. a name search (``PeopleService.search``), as the people picker does: each word must match.
Nothing found gives ``Resolved.NOTHING`` with a message that says what to try.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from sqlalchemy import select

from app.clock import Clock
from app.db.engine import Database
from app.db.models import Membership, Tool
from app.i18n import _
from app.services.loans import LoanRow, open_loan_row
from app.services.people import PeopleService, PersonRow
from app.services.roles import Actor, authorise
from app.services.tool_rules import normalise_code
from app.services.tools import ToolRow, tool_rows

_CARD = re.compile(r"^T-?(\d{4})-?(\d{1,6})$")
_NUMBER = re.compile(r"^\d{1,6}$")
MIN_SEARCH_LENGTH = 2
PEOPLE_LIMIT = 20


def card_code(year: int, number: int) -> str:
    """The scannable form of a membership card: ``T-2026-0153``."""
    return f"T-{year}-{number:04d}"


def parse_card(text: str, this_year: int) -> tuple[int, int] | None:
    """(year, number) of ``T-2026-0153`` (dashes optional, any case) or of a bare ``153`` (this
    year); None for anything else."""
    compact = normalise_code(text).replace(" ", "")
    match = _CARD.match(compact)
    if match is not None:
        return int(match.group(1)), int(match.group(2))
    if _NUMBER.match(compact):
        return this_year, int(compact)
    return None


class Resolved(enum.Enum):
    TOOL = "tool"  # ``tool`` (and ``open_loan`` when it is out: a scan of it means "take it back")
    PERSON = "person"  # ``person``, found by ``card``
    PEOPLE = "people"  # ``people``: the matches of a name search, to choose from
    NOTHING = "nothing"  # ``message`` says what to try


@dataclass(frozen=True)
class Resolution:
    kind: Resolved
    text: str
    tool: ToolRow | None = None
    open_loan: LoanRow | None = None
    person: PersonRow | None = None
    card: str = ""
    people: tuple[PersonRow, ...] = ()
    message: str = ""


class LendingDesk:
    """Reads the lending desk's field; lending and returns are ``LoanService``'s.

    Args:
        people: the registry's search, shared with the people picker.
    """

    def __init__(self, *, database: Database, clock: Clock, people: PeopleService) -> None:
        self._database = database
        self._clock = clock
        self._people = people

    def resolve(self, actor: Actor, text: str) -> Resolution:
        """What ``text`` stands for: a tool, a person by their card, or people by name."""
        typed = text.strip()
        if not typed:
            return Resolution(Resolved.NOTHING, typed, message=_("Scan a tool or a card, or type a name."))
        today = self._clock.today()
        code = normalise_code(typed.replace("'", "-"))
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            tool_id = session.scalar(select(Tool.id).where(Tool.code == code))
            if tool_id is not None:
                (row,) = tool_rows(session, [tool_id], today)
                return Resolution(Resolved.TOOL, typed, tool=row, open_loan=open_loan_row(session, tool_id, today))
            card = parse_card(code, today.year)
            person_id = None
            if card is not None:
                year, number = card
                person_id = session.scalar(
                    select(Membership.person_id).where(Membership.year == year, Membership.card_number == number)
                )
        if card is not None:
            if person_id is not None:
                (person,) = self._people.rows(actor, [person_id])
                return Resolution(Resolved.PERSON, typed, person=person, card=card_code(*card))
            return Resolution(
                Resolved.NOTHING,
                typed,
                message=_("No tool nor card {card} was found: check the code, or type the name.").format(
                    card=card_code(*card)
                ),
            )
        if len(typed) >= MIN_SEARCH_LENGTH:
            people = self._people.search(actor, typed, limit=PEOPLE_LIMIT)
            if people:
                return Resolution(Resolved.PEOPLE, typed, people=tuple(people))
        return Resolution(
            Resolved.NOTHING,
            typed,
            message=_("Nothing matches \u201c{text}\u201d: scan the tool or the card again, or type a surname.").format(
                text=typed
            ),
        )
