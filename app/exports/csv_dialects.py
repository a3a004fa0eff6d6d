"""The two CSV dialects of the exports, and the one writer that applies them.

Export modules yield rows of typed values (``Cell``): text, whole numbers, ``Money``, ``Decimal``,
dates, times, booleans or None. The dialect alone decides how each is written, so a list is
written once and opens right both in a spreadsheet set to Italian and in any program that reads
plain CSV:

- ``excel_it``: what LibreOffice and Excel open with a double click on an Italian desk: UTF-8 with
  a byte-order mark (without it Excel guesses a Windows code page and breaks "Nicolò" and "محمد"),
  ``;`` between fields (the comma is the decimal separator), ``1234,50``, ``31/12/2026``, ``09:30``,
  CRLF line ends;
- ``plain``: UTF-8 without a mark, ``,`` between fields, ``1234.50``, ISO dates ``2026-12-31``.

Money is a plain number of euros with two decimals and no thousands separator or euro sign, so
that a spreadsheet can sum it. Text that a spreadsheet would run as a formula (a name starting
with ``=``, ``+``, ``-`` or ``@``) is written with a leading apostrophe.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path

from app.errors import ValidationError
from app.i18n import N_, _

EXCEL_IT = "excel_it"
PLAIN = "plain"


@dataclass(frozen=True)
class Money:
    """An amount in cents that the dialect writes as euros with two decimals."""

    cents: int


Cell = str | int | Decimal | Money | date | time | bool | None
"""A value of an exported row. ``datetime`` is a ``date``: it is written with its time."""


@dataclass(frozen=True)
class Dialect:
    code: str
    label_msgid: str
    encoding: str
    delimiter: str
    decimal: str
    date_format: str

    @property
    def label(self) -> str:
        return _(self.label_msgid)


DIALECTS: dict[str, Dialect] = {
    EXCEL_IT: Dialect(EXCEL_IT, N_("LibreOffice/Excel in Italian"), "utf-8-sig", ";", ",", "%d/%m/%Y"),
    PLAIN: Dialect(PLAIN, N_("Plain CSV"), "utf-8", ",", ".", "%Y-%m-%d"),
}

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str) -> str:
    """Typed text as a spreadsheet shows it, never as a formula."""
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def _number(value: Decimal, dialect: Dialect) -> str:
    return format(value, "f").replace(".", dialect.decimal)


def format_cell(value: Cell, dialect: Dialect) -> str:
    """One value as the dialect writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):  # before int: a bool is an int
        return _("yes") if value else _("no")
    if isinstance(value, Money):
        sign = "-" if value.cents < 0 else ""
        cents = abs(value.cents)
        return f"{sign}{cents // 100}{dialect.decimal}{cents % 100:02d}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return _number(value, dialect)
    if isinstance(value, datetime):
        return f"{value.strftime(dialect.date_format)} {value.strftime('%H:%M')}"
    if isinstance(value, date):
        return value.strftime(dialect.date_format)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return _text(value)


def hours(minutes: int) -> Decimal:
    """Minutes as hours with two decimals (90 -> 1.50), for the columns of hours."""
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Cell]], dialect: str | Dialect) -> int:
    """Write ``header`` and ``rows`` to ``path``; returns how many rows (the header not counted).

    ``rows`` is read once, as it comes: a generator of a million visits is never held whole.
    The file is written next to ``path`` as ``NAME.partial`` and renamed when complete, so it
    appears whole or not at all, and an older file of the same name stays until then.

    Raises:
        ValidationError: the folder does not exist or cannot be written to.
    """
    chosen = dialect if isinstance(dialect, Dialect) else DIALECTS[dialect]
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    count = 0
    try:
        with partial.open("w", encoding=chosen.encoding, newline="") as output:
            writer = csv.writer(output, delimiter=chosen.delimiter, lineterminator="\r\n")
            writer.writerow([_text(name) for name in header])
            for row in rows:
                writer.writerow([format_cell(value, chosen) for value in row])
                count += 1
        partial.replace(path)
    except OSError as error:
        if partial.parent.exists():
            partial.unlink(missing_ok=True)
        raise ValidationError(
            _("{path} cannot be written ({reason}): choose a folder that exists and that you can write to.").format(
                path=path, reason=error.strerror or error
            ),
            field="path",
        ) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return count
