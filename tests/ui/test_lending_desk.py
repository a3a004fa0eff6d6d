"""The lending desk as a scanner drives it: typed codes and Enter lend and take back tools."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.clock import FixedClock
from app.services import Services
from app.services.cash_rules import Direction
from app.services.roles import Actor
from app.services.tool_rules import ToolStatus
from tests.app.tool_house import DRILL, LADDER, person, tool
from tests.ui.cash_pages import open_previews, pdf_text
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.areas import AREAS, area_of
from ui.pages.lending.desk_tab import DeskTab
from ui.pages.lending.loans_model import COL_LATE, COL_TOOL, LATE, CurrentLoansModel
from ui.pages.lending_page import LendingPage

RED = "#b00020"
ORANGE = "#b35c00"


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


@pytest.fixture
def built() -> Iterator[list[LendingPage]]:
    """The pages a test built; a preview or dialog left open is closed so none outlives its test."""
    pages: list[LendingPage] = []
    yield pages
    for page in pages:
        if page.desk.preview is not None:
            page.desk.preview.done(0)
        if page.desk.dialog is not None:
            page.desk.dialog.done(0)


def make_desk(qtbot: QtBot, services: Services, actor: Actor, built: list[LendingPage]) -> DeskTab:
    page = LendingPage(services=services, actor=actor)
    qtbot.addWidget(page)
    built.append(page)
    page.resize(1280, 720)
    with qtbot.waitActive(page):
        page.show()
    page.shown()
    assert page.tabs.currentWidget() is page.desk
    return page.desk


def scan(qtbot: QtBot, desk: DeskTab, text: str) -> None:
    """What a USB scanner does: the characters, then Enter."""
    qtbot.keyClicks(desk.scan, text)
    qtbot.keyClick(desk.scan, Qt.Key.Key_Return)


def key(
    qtbot: QtBot, desk: DeskTab, which: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(desk.scan, which, modifier)


def said(desk: DeskTab) -> tuple[str, str]:
    """The message under the field and its colour ("" when plain)."""
    style = desk.message.styleSheet()
    colour = style.split("color: ")[1].split(";")[0] if "color: " in style else ""
    return desk.message.text(), colour


@pytest.fixture
def drill(services: Services, coordinator: Actor) -> int:
    return tool(services, coordinator, DRILL)  # TR-0001, deposit 30 euro, three parts


@pytest.fixture
def anna(services: Services, volunteer: Actor) -> int:
    anna = person(services, volunteer, "Anna", "Rossi", "333 1234567")
    services.memberships.sell(volunteer, anna, 2026, 1000)  # card T-2026-0001, receipt 1/2026
    return anna


# -- the area ------------------------------------------------------------------------------------------


def test_the_tool_library_comes_after_workshops_for_everyone_at_the_desk() -> None:
    area = area_of(LendingPage)
    pages = [item.page for item in AREAS]
    assert pages.index(area.page) == pages.index("ui.pages.workshops_page:WorkshopsPage") + 1
    assert area.title() == "Tool library" and area.minimum_role.name == "VOLUNTEER"


# -- lend and take back with the keyboard only -----------------------------------------------------------


def test_lend_and_take_back_with_typed_scans_and_enter_only(
    qtbot: QtBot, services: Services, volunteer: Actor, drill: int, anna: int, boxes: Boxes, built: list[LendingPage]
) -> None:
    desk = make_desk(qtbot, services, volunteer, built)
    assert desk.scan.hasFocus()

    scan(qtbot, desk, "tr-0001")  # any case
    assert desk.lend_panel.tool is not None and desk.lend_panel.tool.id == drill
    assert desk.lend_panel.tool_title.text() == "TR-0001  Trapano a percussione"
    assert "Deposit €30.00" in desk.lend_panel.tool_facts.text()
    assert desk.scan.hasFocus() and desk.scan.text() == ""

    scan(qtbot, desk, "T-2026-0001")
    assert desk.lend_panel.borrower is not None and desk.lend_panel.borrower.id == anna
    assert desk.lend_panel.borrower_name.text() == "Rossi Anna  ·  333 1234567"

    key(qtbot, desk, Qt.Key.Key_Return)  # the parts are not confirmed yet: nothing is saved
    text, colour = said(desk)
    assert text.startswith("Check the parts with the borrower (valigetta, 2 batterie, caricatore)")
    assert colour == RED
    assert services.loans.current(volunteer) == []

    key(qtbot, desk, Qt.Key.Key_Space)  # the empty field's Space ticks the parts
    assert desk.lend_panel.components_check.isChecked() and desk.scan.text() == ""
    key(qtbot, desk, Qt.Key.Key_Return)

    (loan,) = services.loans.current(volunteer)
    assert (loan.tool_id, loan.person_id, loan.due_day) == (drill, anna, date(2026, 11, 29))  # today + 7 days
    details = services.loans.get(volunteer, loan.id)
    assert details.deposit_held_cents == 3000 and details.deposit_receipt_code == "2/2026"
    receipt = services.receipts.get(volunteer, details.deposit_receipt_id or 0)
    assert (receipt.total_cents, receipt.payer.name) == (3000, "Rossi Anna")
    # The list shows the loan, highlighted; the receipt follows in the preview (Ctrl+P prints there).
    assert desk.loans.rowCount() == 1 and desk.table.currentIndex().row() == 0
    qtbot.waitUntil(lambda: desk.preview is not None)
    preview = desk.preview
    assert preview is not None and open_previews() == [preview]
    assert preview.windowTitle() == "Receipt no. 2/2026"
    assert "Rossi Anna" in pdf_text(preview.path) and "30.00" in pdf_text(preview.path)
    assert desk.loans.rowCount() == 1 and desk.table.currentIndex().row() == 0
    assert said(desk) == (
        "Lent TR-0001 Trapano a percussione to Rossi Anna, due Nov 29, 2026. Deposit €30.00: receipt 2/2026.",
        "#2e7d32",
    )
    assert desk.lend_panel.tool is None and desk.lend_panel.borrower is None
    qtbot.keyClick(preview, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: desk.preview is None and not open_previews())
    qtbot.waitUntil(desk.scan.hasFocus)

    # Taking it back: the scan opens the return, Space ticks the parts, Enter confirms.
    scan(qtbot, desk, "TR-0001")
    assert desk.panels.currentWidget() is desk.return_panel
    assert desk.return_panel.borrower.text() == "Lent to Rossi Anna  ·  333 1234567"
    assert [check.text() for check in desk.return_panel.parts] == ["valigetta", "2 batterie", "caricatore"]
    assert desk.return_panel.deposit.currentText() == "give back €30.00"
    key(qtbot, desk, Qt.Key.Key_Space)
    assert desk.return_panel.components_ok()
    key(qtbot, desk, Qt.Key.Key_Return)

    assert services.loans.current(volunteer) == []
    returned = services.loans.get(volunteer, loan.id)
    assert returned.row.returned_at == datetime(2026, 11, 22, 9, 0) and returned.components_ok is True
    assert returned.deposit_held_cents == 0
    payments = [services.cash.payment(volunteer, pid) for pid in services.cash.payment_ids(volunteer, person_id=anna)]
    out = [p for p in payments if p.row.direction is Direction.OUT]
    assert [(p.row.amount_cents, p.link_kind, p.link_id) for p in out] == [(3000, "loan", loan.id)]
    assert services.tools.get(volunteer, drill).status is ToolStatus.AVAILABLE
    assert said(desk)[0] == "TR-0001 Trapano a percussione is back from Rossi Anna. Give back the deposit: €30.00."
    assert desk.loans.rowCount() == 0 and desk.scan.hasFocus()
    assert boxes.errors == []


def test_a_second_scan_confirms_the_parts_and_the_return(
    qtbot: QtBot, services: Services, volunteer: Actor, drill: int, anna: int, boxes: Boxes, built: list[LendingPage]
) -> None:
    desk = make_desk(qtbot, services, volunteer, built)
    scan(qtbot, desk, "T-2026-0001")  # the card first, then the tool: either order works
    scan(qtbot, desk, "TR-0001")
    assert desk.lend_panel.borrower is not None and not desk.lend_panel.components_check.isChecked()
    scan(qtbot, desk, "TR-0001")
    assert desk.lend_panel.components_check.isChecked()
    key(qtbot, desk, Qt.Key.Key_Return)
    assert len(services.loans.current(volunteer)) == 1
    qtbot.waitUntil(lambda: desk.preview is not None)
    assert desk.preview is not None
    desk.preview.done(0)
    qtbot.waitUntil(lambda: desk.preview is None)
    qtbot.waitUntil(desk.scan.hasFocus)

    scan(qtbot, desk, "TR-0001")
    key(qtbot, desk, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)  # Ctrl+K ticks every part too
    assert desk.return_panel.components_ok(), said(desk)
    scan(qtbot, desk, "TR-0001")
    assert services.loans.current(volunteer) == [], said(desk)
    assert services.tool_deposits.balance(volunteer) == 0


def test_a_return_with_a_part_missing_needs_a_note_and_can_send_to_repair_keeping_the_deposit(
    qtbot: QtBot, services: Services, volunteer: Actor, drill: int, anna: int, boxes: Boxes, built: list[LendingPage]
) -> None:
    services.loans.lend(volunteer, drill, anna, components_confirmed=True)
    desk = make_desk(qtbot, services, volunteer, built)
    scan(qtbot, desk, "TR-0001")
    desk.return_panel.parts[0].setChecked(True)
    key(qtbot, desk, Qt.Key.Key_Return)
    assert said(desk) == ("Write which parts are missing or damaged.", RED)
    assert len(services.loans.current(volunteer)) == 1  # nothing saved

    key(qtbot, desk, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert desk.return_panel.repair.isChecked()
    desk.return_panel.deposit.setCurrentIndex(1)  # keep
    assert desk.return_panel.reason.isVisibleTo(desk)
    qtbot.keyClicks(desk.return_panel.note, "manca il caricatore")
    qtbot.keyClicks(desk.return_panel.reason, "caricatore perso")
    qtbot.keyClick(desk.return_panel.reason, Qt.Key.Key_Return)

    assert services.loans.current(volunteer) == []
    assert services.tools.get(volunteer, drill).status is ToolStatus.IN_REPAIR
    assert services.tool_deposits.balance(volunteer) == 3000
    assert said(desk)[0].endswith("Deposit kept: €30.00. It is now in repair.")
    assert desk.scan.hasFocus()


# -- refusals, warnings, names ---------------------------------------------------------------------------


def test_refusals_are_the_services_messages_in_red(
    qtbot: QtBot,
    services: Services,
    volunteer: Actor,
    coordinator: Actor,
    drill: int,
    anna: int,
    boxes: Boxes,
    built: list[LendingPage],
) -> None:
    services.tools.set_status(coordinator, drill, ToolStatus.IN_REPAIR, "mandrino rotto")
    desk = make_desk(qtbot, services, volunteer, built)
    scan(qtbot, desk, "XX-9999")
    assert said(desk) == (
        "Nothing matches \u201cXX-9999\u201d: scan the tool or the card again, or type a surname.",
        RED,
    )
    scan(qtbot, desk, "TR-0001")
    assert said(desk) == ("TR-0001 is in repair and cannot be lent now.", RED)
    assert desk.lend_panel.tool_status.text() == "Status: in repair"
    scan(qtbot, desk, "T-2026-0001")
    scan(qtbot, desk, "TR-0001")  # parts confirmed by the second scan
    key(qtbot, desk, Qt.Key.Key_Return)
    assert said(desk) == ("TR-0001 is in repair: a coordinator marks it available when it is fixed.", RED)
    assert services.loans.current(volunteer) == []

    services.tools.set_status(coordinator, drill, ToolStatus.RETIRED, "troppo vecchio")
    key(qtbot, desk, Qt.Key.Key_Return)
    assert said(desk) == ("TR-0001 is retired (troppo vecchio) and cannot be lent.", RED)

    key(qtbot, desk, Qt.Key.Key_Escape)  # Esc clears what is under way
    assert desk.lend_panel.tool is None and desk.lend_panel.borrower is None
    assert said(desk) == ("Cleared: scan a tool or a card.", "")


def test_a_tool_reserved_for_someone_else_is_refused(
    qtbot: QtBot, services: Services, volunteer: Actor, drill: int, anna: int, boxes: Boxes, built: list[LendingPage]
) -> None:
    marco = person(services, volunteer, "Marco", "Bianchi")
    services.tool_reservations.reserve(volunteer, drill, marco, date(2026, 11, 24), date(2026, 11, 26))
    desk = make_desk(qtbot, services, volunteer, built)
    scan(qtbot, desk, "TR-0001")
    assert desk.lend_panel.reservations.text() == "Reserved for Bianchi Marco from Nov 24, 2026 to Nov 26, 2026"
    scan(qtbot, desk, "T-2026-0001")
    scan(qtbot, desk, "TR-0001")
    key(qtbot, desk, Qt.Key.Key_Return)
    text, colour = said(desk)
    assert text.startswith("TR-0001 is reserved for Bianchi Marco") and colour == RED
    assert services.loans.current(volunteer) == []


def test_a_borrower_with_overdue_tools_is_warned_in_orange_and_chosen_by_name(
    qtbot: QtBot,
    services: Services,
    volunteer: Actor,
    coordinator: Actor,
    clock: FixedClock,
    drill: int,
    anna: int,
    boxes: Boxes,
    built: list[LendingPage],
) -> None:
    ladder = tool(services, coordinator, LADDER)  # SC-0001
    person(services, volunteer, "Nicolò", "Rossi")
    clock.current = datetime(2026, 11, 10, 10, 0)
    services.loans.lend(volunteer, ladder, anna, components_confirmed=True)  # due 13 November
    clock.current = datetime(2026, 11, 22, 9, 0)

    desk = make_desk(qtbot, services, volunteer, built)
    assert desk.loans.data(desk.loans.index(0, COL_LATE)) == "9"
    assert desk.loans.data(desk.loans.index(0, COL_LATE), Qt.ItemDataRole.ForegroundRole).color() == LATE
    scan(qtbot, desk, "TR-0001")
    scan(qtbot, desk, "rossi")  # two people: a list to choose from, the field keeps the keys
    assert desk.lend_panel.offering() and desk.lend_panel.choices.count() == 2
    assert desk.scan.hasFocus()
    key(qtbot, desk, Qt.Key.Key_Down)
    key(qtbot, desk, Qt.Key.Key_Up)
    key(qtbot, desk, Qt.Key.Key_Return)
    assert desk.lend_panel.borrower is not None and desk.lend_panel.borrower.id == anna
    warning = (
        "Rossi Anna has an overdue tool: SC-0001 Scala 5 gradini (due Nov 13, 2026). Remind them to bring it back."
    )
    assert desk.lend_panel.warnings.text() == warning
    assert desk.lend_panel.warnings.isVisibleTo(desk) and ORANGE in desk.lend_panel.warnings.styleSheet()
    assert said(desk) == ("Check the parts with the borrower, then Space (or Ctrl+K, or scan the tool again).", "")

    key(qtbot, desk, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, desk, Qt.Key.Key_Return)  # a warning, not a refusal
    assert len(services.loans.current(volunteer)) == 2
    assert said(desk)[1] == ORANGE and warning in said(desk)[0]


# -- extending and the list ------------------------------------------------------------------------------


def test_extend_the_highlighted_loan_and_the_one_being_taken_back(
    qtbot: QtBot, services: Services, volunteer: Actor, drill: int, anna: int, boxes: Boxes, built: list[LendingPage]
) -> None:
    loan = services.loans.lend(volunteer, drill, anna, components_confirmed=True).loan.row
    desk = make_desk(qtbot, services, volunteer, built)
    key(qtbot, desk, Qt.Key.Key_Down)  # into the list
    assert desk.table.hasFocus() and desk.table.currentIndex().row() == 0
    qtbot.keyClick(desk.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = desk.dialog
    assert dialog is not None and dialog.days.value() == 7
    qtbot.waitUntil(dialog.days.hasFocus)
    qtbot.keyClick(dialog.days, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.dialog is None)
    assert services.loans.get(volunteer, loan.id).row.due_day == date(2026, 12, 6)
    assert said(desk)[0] == "TR-0001 Trapano a percussione: Rossi Anna brings it back by Dec 6, 2026."
    qtbot.waitUntil(desk.scan.hasFocus)

    # From the return panel: 90 days are too many, the dialog says so and stays open.
    scan(qtbot, desk, "TR-0001")
    key(qtbot, desk, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = desk.dialog
    assert dialog is not None
    dialog.days.setValue(90)
    qtbot.keyClick(dialog.days, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.text() == "A loan lasts at most 90 days: choose an earlier due day."
    assert services.loans.get(volunteer, loan.id).row.due_day == date(2026, 12, 6)
    qtbot.keyClick(dialog.days, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: desk.dialog is None)


def test_the_list_searches_as_you_type_and_enter_opens_the_return(
    qtbot: QtBot,
    services: Services,
    volunteer: Actor,
    coordinator: Actor,
    drill: int,
    anna: int,
    boxes: Boxes,
    built: list[LendingPage],
) -> None:
    ladder = tool(services, coordinator, LADDER)
    marco = person(services, volunteer, "Marco", "Bianchi", "011 555")
    services.loans.lend(volunteer, drill, anna, components_confirmed=True)
    services.loans.lend(volunteer, ladder, marco, components_confirmed=True)
    desk = make_desk(qtbot, services, volunteer, built)
    assert desk.loans.rowCount() == 2 and desk.count.text() == "2 tools"
    desk.focus_search()
    qtbot.keyClicks(desk.search, "bianc")
    qtbot.waitUntil(lambda: desk.loans.rowCount() == 1)
    assert desk.loans.data(desk.loans.index(0, COL_TOOL)) == "SC-0001 Scala 5 gradini"
    qtbot.keyClick(desk.search, Qt.Key.Key_Down)
    qtbot.keyClick(desk.table, Qt.Key.Key_Return)
    assert desk.panels.currentWidget() is desk.return_panel
    assert desk.return_panel.title.text() == "Taking back SC-0001  Scala 5 gradini"
    assert desk.return_panel.deposit.currentText() == "no deposit held"
    assert desk.scan.hasFocus()
    key(qtbot, desk, Qt.Key.Key_Return)  # no parts to check: Enter takes it back
    assert [row.tool_code for row in services.loans.current(volunteer)] == ["TR-0001"]


def test_the_current_loans_model_passes_the_model_tester(
    qtmodeltester: ModelTester, services: Services, volunteer: Actor, drill: int, anna: int
) -> None:
    services.loans.lend(volunteer, drill, anna, components_confirmed=True)
    model = CurrentLoansModel()
    model.set_rows(services.loans.current(volunteer))
    qtmodeltester.check(model)
    assert model.rowCount() == 1 and model.data(model.index(0, COL_LATE)) == ""
