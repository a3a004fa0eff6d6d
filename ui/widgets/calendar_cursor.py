"""The keyboard cursor of the calendar view: a quarter-hour cell in a column, or a booking.

Plain state and rules, no painting, so that the keyboard's behaviour reads in one place:
Up/Down move by a quarter of an hour within the hours shown; Shift+Up/Down stretch a span from
where the stretch began (the *anchor*); Tab/Shift+Tab go from booking to booking in the order of
time; a booking reached by Tab or a click is *focused*, and Enter opens it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ui.widgets.calendar_layout import Column, Placed

SLOT_MINUTES = 15
SLOTS_PER_HOUR = 60 // SLOT_MINUTES
DEFAULT_HOUR = 9
"""Where the cursor starts on a day that is not today."""


@dataclass
class Cursor:
    """``column`` and ``slot`` (quarter hours since midnight); ``anchor``: the other end of a
    stretched span; ``booking``: the index of the focused booking in the view's placed list."""

    column: int = 0
    slot: int = DEFAULT_HOUR * SLOTS_PER_HOUR
    anchor: int | None = None
    booking: int | None = None

    def span(self) -> tuple[int, int]:
        """The slots chosen, ``[first, last)``: the stretched span, or the cursor's cell."""
        if self.anchor is None:
            return self.slot, self.slot + 1
        return min(self.anchor, self.slot), max(self.anchor, self.slot) + 1

    def stretched(self) -> bool:
        return self.anchor is not None and self.anchor != self.slot

    def move_to(self, column: int, slot: int) -> None:
        self.column, self.slot, self.anchor, self.booking = column, slot, None, None

    def step(self, slots: int, first: int, last: int, *, stretch: bool) -> None:
        """Up or Down by ``slots`` within ``[first, last]``; with ``stretch`` the span grows."""
        if stretch:
            if self.anchor is None:
                self.anchor = self.slot
        else:
            self.anchor = None
        self.booking = None
        self.slot = min(max(self.slot + slots, first), last)

    def clamp(self, columns: int, first: int, last: int) -> None:
        """Keep the cursor inside the view after its data changed."""
        self.column = min(max(self.column, 0), max(columns - 1, 0))
        self.slot = min(max(self.slot, first), last)
        if self.anchor is not None:
            self.anchor = min(max(self.anchor, first), last)


def reading_order(columns: Sequence[Column], placed: Sequence[Placed]) -> list[int]:
    """Indexes of ``placed`` in the order Tab visits them: by day and time, then left to right."""
    return sorted(
        range(len(placed)),
        key=lambda i: (columns[placed[i].column].day, placed[i].row.start, placed[i].column, placed[i].lane),
    )


def next_booking(columns: Sequence[Column], placed: Sequence[Placed], cursor: Cursor, *, forward: bool) -> int | None:
    """The booking Tab (or Shift+Tab) goes to from ``cursor``; None past the last (or first) one.

    From a focused booking the next in reading order; from a cell, the first booking that starts
    after the cell (before it, going back), so Tab from 14:00 reaches the 15:00 meeting.
    """
    order = reading_order(columns, placed)
    if not order:
        return None
    if cursor.booking is not None and cursor.booking in order:
        position = order.index(cursor.booking) + (1 if forward else -1)
        return order[position] if 0 <= position < len(order) else None
    if not columns:
        return order[0] if forward else order[-1]
    here = (columns[cursor.column].day, cursor.slot * SLOT_MINUTES, cursor.column)

    def where(index: int) -> tuple[date, int, int]:
        item = placed[index]
        start = item.row.start
        return columns[item.column].day, start.hour * 60 + start.minute, item.column

    if forward:
        return next((i for i in order if where(i) >= here), None)
    return next((i for i in reversed(order) if where(i) < here), None)
