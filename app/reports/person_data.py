"""A person's data on paper, for the person who asked for it ("I tuoi dati presso ...").

Data in, file out: ``write_person_data`` prints the document of ``app.privacy_export`` (the same
one the JSON file holds) on A4 portrait in the desk's language: the house, the person's registry
record and consent, then one table per area (memberships, payments and receipts, bookings,
enrolments, attendance with hours, visits, loans, reservations, changes to the record). An empty
area says so, so the person sees that nothing was left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Spacer, Table, TableStyle

from app.i18n import N_, _, format_date, format_datetime, format_money, format_number
from app.privacy_export import Data
from app.reports import styles as st
from app.reports.workshop_pages import build_pdf

WIDTH_MM = 170.0
"""The width of A4 inside its margins."""


def _day(value: str | None) -> str:
    return format_date(date.fromisoformat(value), "short") if value else "—"


def _moment(value: str | None) -> str:
    return format_datetime(datetime.fromisoformat(value), "short") if value else "—"


def _money(cents: int | None) -> str:
    return format_money(cents) if cents is not None else "—"


STATUS_LABELS = {
    "tentative": N_("tentative"),
    "confirmed": N_("confirmed"),
    "cancelled": N_("cancelled"),
    "enrolled": N_("enrolled"),
    "waiting": N_("waiting list"),
    "withdrawn": N_("withdrawn"),
    "active": N_("active"),
    "fulfilled": N_("lent"),
    "create": N_("registered"),
    "update": N_("changed"),
    "export": N_("exported"),
    "erase": N_("erased"),
}
"""Codes of statuses and audit actions, as the person reads them."""


def _status(code: str) -> str:
    return _(STATUS_LABELS[code]) if code in STATUS_LABELS else code


def _yes_no(value: bool | None) -> str:
    return "—" if value is None else (_("yes") if value else _("no"))


@dataclass(frozen=True)
class Section:
    """One table of the document: its title, the key of its list, columns and their widths."""

    title: str
    key: str
    headers: tuple[str, ...]
    widths_mm: tuple[float, ...]
    cells: Callable[[Data], Sequence[str]]


def _receipt(item: Data) -> str:
    receipt = item["receipt"]
    if receipt is None:
        return "—"
    text = _("no. {number}, to {payer}").format(number=receipt["number"], payer=receipt["payer_name"] or "—")
    if receipt["cancelled_at"]:
        text += " " + _("(cancelled)")
    return text


SECTIONS: tuple[Section, ...] = (
    Section(
        N_("Memberships"),
        "memberships",
        (N_("Year"), N_("Card"), N_("Fee"), N_("Paid on")),
        (30, 40, 40, 60),
        lambda i: (str(i["year"]), str(i["card_number"]), _money(i["fee_cents"]), _moment(i["paid_at"])),
    ),
    Section(
        N_("Payments and receipts"),
        "payments",
        (N_("When"), N_("What"), N_("Amount"), N_("Receipt")),
        (32, 58, 25, 55),
        lambda i: (
            _moment(i["at"]),
            " · ".join(part for part in (i["category"], i["description"]) if part),
            ("−" if i["direction"] == "out" else "") + _money(i["amount_cents"]),
            _receipt(i),
        ),
    ),
    Section(
        N_("Room bookings"),
        "bookings",
        (N_("When"), N_("Room"), N_("Purpose"), N_("Status")),
        (40, 40, 65, 25),
        lambda i: (_moment(i["starts_at"]), i["room"], i["purpose"], _status(i["status"])),
    ),
    Section(
        N_("Recurring bookings"),
        "booking_series",
        (N_("From"), N_("Room"), N_("Purpose"), N_("Status")),
        (40, 40, 65, 25),
        lambda i: (_moment(i["first_start"]), i["room"], i["purpose"], _status(i["status"])),
    ),
    Section(
        N_("Workshop enrolments"),
        "enrolments",
        (N_("Workshop"), N_("Status"), N_("Asked on"), N_("Fee")),
        (70, 30, 40, 30),
        lambda i: (i["workshop"], _status(i["status"]), _moment(i["requested_at"]), _money(i["fee_cents"])),
    ),
    Section(
        N_("Attendance"),
        "attendance",
        (N_("Workshop"), N_("Session"), N_("Hours")),
        (80, 60, 30),
        lambda i: (i["workshop"], _moment(i["session_start"]), format_number(round(i["minutes"] / 60, 2))),
    ),
    Section(
        N_("Visits to the services"),
        "visits",
        (N_("When"), N_("Service"), N_("First visit")),
        (50, 90, 30),
        lambda i: (_moment(i["at"]), i["service"], _yes_no(i["first_visit"])),
    ),
    Section(
        N_("Tool loans"),
        "loans",
        (N_("Tool"), N_("Lent on"), N_("Due"), N_("Returned on")),
        (60, 40, 30, 40),
        lambda i: (
            f"{i['tool_code']} {i['tool']}",
            _moment(i["out_at"]),
            _day(i["due_day"]),
            _moment(i["returned_at"]),
        ),
    ),
    Section(
        N_("Tool reservations"),
        "reservations",
        (N_("Tool"), N_("From"), N_("To"), N_("Status")),
        (70, 35, 35, 30),
        lambda i: (f"{i['tool_code']} {i['tool']}", _day(i["from_day"]), _day(i["to_day"]), _status(i["status"])),
    ),
    Section(
        N_("Changes to your record"),
        "audit",
        (N_("When"), N_("By"), N_("What"), N_("Fields")),
        (35, 30, 25, 80),
        lambda i: (_moment(i["at"]), i["user"] or "—", _status(i["action"]), ", ".join(i["fields"]) or "—"),
    ),
)


def title(data: Data) -> str:
    return _("Your data held by {house}").format(house=data["house"]["name"])


def write_person_data(data: Data, path: Path) -> Path:
    """Write the document as an A4 PDF at ``path`` (as many pages as it needs); return ``path``."""
    return build_pdf(path, _story(data), page=st.A4, title=title(data), author=data["house"]["name"])


def _facts(data: Data, s: st.Styles) -> Table:
    person, consent = data["person"], data["consent"]
    guardian = person["guardian"]
    organisations = [item["name"] for item in data["organisations"]]
    birth = _day(person["birth_date"]) if person["birth_date"] else (str(person["birth_year"] or "—"))
    consent_text = (
        _("given on {day}, notice version {version}").format(
            day=_day(consent["date"]), version=consent["notice_version"]
        )
        if consent["date"]
        else _("not given")
    )
    rows = [
        (_("Name"), f"{person['family_name']} {person['given_name']}".strip()),
        (_("Phone"), person["phone"] or "—"),
        (_("Email"), person["email"] or "—"),
        (_("Address"), person["address"] or "—"),
        (_("Born"), birth),
        (_("Notes"), person["notes"] or "—"),
        (_("Privacy consent"), consent_text),
        (_("Photo release"), _yes_no(consent["photo_release"])),
        (_("Parent or guardian"), guardian["name"] if guardian else "—"),
        (_("Guardian of"), ", ".join(item["name"] for item in person["guardian_of"]) or "—"),
        (_("Associations and groups"), ", ".join(organisations) or "—"),
        (_("Workshops led"), ", ".join(data["workshops_led"]) or "—"),
        (_("Registered on"), _moment(person["created_at"])),
        (_("Last changed on"), _moment(person["updated_at"])),
    ]
    table = st.plain_table(
        [[st.para(label, s.muted), st.para(value, s.body)] for label, value in rows],
        [45 * mm, (WIDTH_MM - 45) * mm],
        ("BOTTOMPADDING", (0, 0), (-1, -1), s.size * 0.3),
    )
    return table


def _section(section: Section, items: list[Data], s: st.Styles) -> list[Flowable]:
    heading = st.para(f"{_(section.title)} ({format_number(len(items))})", s.heading)
    if not items:
        return [KeepTogether([heading, st.para(_("Nothing recorded."), s.muted)]), Spacer(1, 3 * mm)]
    rows: list[list[Any]] = [[st.para(_(header), s.muted) for header in section.headers]]
    rows.extend([st.para(cell, s.body) for cell in section.cells(item)] for item in items)
    table = Table(rows, colWidths=[value * mm for value in section.widths_mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), s.size * 0.3),
                ("RIGHTPADDING", (0, 0), (-1, -1), s.size * 0.3),
                ("LINEBELOW", (0, 0), (-1, 0), 0.9, st.INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, st.RULE),
            ]
        )
    )
    return [heading, Spacer(1, 1 * mm), table, Spacer(1, 4 * mm)]


def _story(data: Data) -> list[Flowable]:
    s = st.styles(10)
    story: list[Flowable] = [
        st.para(data["house"]["name"], s.heading),
        HRFlowable(width="100%", thickness=1.2, color=st.INK, spaceBefore=3 * mm, spaceAfter=4 * mm),
        st.para(title(data), s.title),
        st.para(
            _("Everything the house holds about you on {day}, as the privacy law gives you the right to know.").format(
                day=_moment(data["exported_at"])
            ),
            s.muted,
        ),
        Spacer(1, 4 * mm),
    ]
    if data["person"]["erased"]:
        story.append(st.para(_("Your registry data was erased: only what the law requires is kept."), s.strong))
        story.append(Spacer(1, 3 * mm))
    story.extend([_facts(data, s), Spacer(1, 6 * mm)])
    for section in SECTIONS:
        story.extend(_section(section, data[section.key], s))
    if data["attendance"]:
        story.append(
            st.para(_("Hours attended in all: {hours}").format(hours=format_number(data["attendance_hours"])), s.total)
        )
    story.append(Spacer(1, 4 * mm))
    story.append(
        st.para(
            _(
                "Receipts are fiscal documents: the law requires the house to keep them unchanged for 10 years, "
                "with the payer as printed."
            ),
            s.small,
        )
    )
    return story
