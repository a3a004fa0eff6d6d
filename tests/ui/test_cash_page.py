"""The Cash page as the desk uses it: a payment and its receipt from the keyboard, the receipts
list (search, reprint, cancel), and the daily summary with the closing of the cash."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.clock import FixedClock
from app.i18n import _, parse_money, set_language
from app.services import Services
from app.services.cash import PaymentDraft
from app.services.cash_rules import PaymentMethod
from app.services.organisations import OrganisationDraft
from app.services.people import PersonDraft
from app.services.roles import Actor
from tests.ui.cash_pages import make_page, open_previews, pdf_text
from tests.ui.keyboard import type_text
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.dialogs.cancel_receipt_dialog import CancelReceiptDialog
from ui.models.payments_model import COL_AMOUNT, COL_RECEIPT, make_payments_model
from ui.models.receipts_model import COL_NUMBER, COL_PAYER, COL_STATE, make_receipts_model
from ui.pages.cash.receipt_output import receipt_layout, receipts_folder
from ui.pages.cash_page import CashPage

# The offscreen platform cannot resize, raise or grab for the picker's popup and says so.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


@pytest.fixture
def people(services: Services, admin: Actor) -> list[int]:
    drafts = (
        PersonDraft(given_name="Nicolò", family_name="Rossi", phone="333 1234567"),
        PersonDraft(given_name="Milica", family_name="Đorđević"),
        PersonDraft(given_name="محمد", family_name="العلي"),
    )
    return [services.people.create(admin, draft).id for draft in drafts]


@pytest.fixture
def categories(services: Services, admin: Actor) -> dict[str | None, int]:
    return {row.code: row.id for row in services.cash_settings.categories(admin)}


def pay(services: Services, actor: Actor, cents: int, category: int, **fields: object) -> int:
    """A payment recorded directly; returns its receipt id (money in) or its payment id (out)."""
    details = services.cash.record_payment(actor, PaymentDraft(amount_cents=cents, category_id=category, **fields))  # type: ignore[arg-type]
    return details.receipt.id if details.receipt is not None else details.row.id


def choose_payer(qtbot: QtBot, page: CashPage, text: str) -> None:
    """Type part of a name, then Down and Enter in the list, as at the desk."""
    type_text(page.form.payer.edit, text)
    popup = page.form.payer.popup
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


# -- a new payment -----------------------------------------------------------------------------------


def test_a_payment_and_its_receipt_with_the_keyboard_only(
    qtbot: QtBot, services: Services, volunteer: Actor, people: list[int], boxes: Boxes, pages: list[CashPage]
) -> None:
    page = make_page(qtbot, services, volunteer, pages)
    form = page.form
    assert page.tabs.currentWidget() is page.payment_tab
    assert form.payer.edit.hasFocus()

    choose_payer(qtbot, page, "ross")  # 4 letters, Down, Enter
    assert form.payer.person_id() == people[0]
    qtbot.keyClick(form.payer.edit, Qt.Key.Key_Tab)
    assert form.amount.hasFocus()
    qtbot.keyClicks(form.amount, "25")
    qtbot.keyClick(form.amount, Qt.Key.Key_Return)

    # The receipt exists, numbered 1/2026 (the test clock says 22 November 2026) ...
    ids = services.receipts.search_ids(volunteer, query="1/2026")
    assert len(ids) == 1
    receipt = services.receipts.get(volunteer, ids[0])
    assert (receipt.code, receipt.total_cents, receipt.payer.name) == ("1/2026", 2500, "Rossi Nicolò")
    assert receipt.method is PaymentMethod.CASH and receipt.user_name == "Samir"
    # ... its preview is open, one page, ready for Ctrl+P ...
    preview = page.preview
    assert preview is not None and open_previews() == [preview]
    assert preview.page_count() == 1
    assert preview.windowTitle() == "Receipt no. 1/2026"
    assert preview.path.parent == receipts_folder()
    text = pdf_text(preview.path)
    assert "1/2026" in text and "Rossi Nicolò" in text and "€25.00" in text and "twenty-five/00" in text
    # ... and the form is empty for the next person; today's list shows the payment.
    assert form.payer.person_id() is None and form.payer.edit.text() == "" and form.amount.text() == ""
    assert form.status.text() == "Receipt 1/2026 saved: €25.00, Rossi Nicolò."
    assert page.today.model.rowCount() == 1
    assert page.today.model.index(0, COL_RECEIPT).data() == "1/2026"
    assert boxes.errors == []

    qtbot.keyClick(preview, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.preview is None and not open_previews())
    qtbot.waitUntil(form.payer.edit.hasFocus)


def test_the_tab_order_follows_the_form(
    qtbot: QtBot, services: Services, volunteer: Actor, boxes: Boxes, pages: list[CashPage]
) -> None:
    page = make_page(qtbot, services, volunteer, pages)
    form = page.form
    expected: list[QWidget] = [
        form.amount,
        form.category,
        form.method_buttons[PaymentMethod.CASH],  # the group is one stop: arrows choose within it
        form.description,
        form.save_button,
        form.paper,
    ]
    seen = []
    for _step in expected:
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == expected
    assert not form.payer.clear_button.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_enter_in_the_payer_field_goes_on_to_the_amount(
    qtbot: QtBot, services: Services, volunteer: Actor, people: list[int], pages: list[CashPage]
) -> None:
    page = make_page(qtbot, services, volunteer, pages)
    type_text(page.form.payer.edit, "Đorđ")
    page.form.payer.popup.hide()
    qtbot.keyClick(page.form.payer.edit, Qt.Key.Key_Return)  # the only match is chosen
    assert page.form.payer.person_id() == people[1]
    qtbot.keyClick(page.form.payer.edit, Qt.Key.Key_Return)
    assert page.form.amount.hasFocus()
    assert services.cash.payment_ids(page.actor) == []


@pytest.mark.parametrize("text", ["12,345", "abc", "0", ""])
def test_a_bad_amount_is_said_under_the_field_and_nothing_is_saved(
    qtbot: QtBot, services: Services, volunteer: Actor, people: list[int], pages: list[CashPage], text: str
) -> None:
    set_language("it")  # "12,345" is three decimals in Italian (in English, twelve thousand euros)
    page = make_page(qtbot, services, volunteer, pages)
    form = page.form
    choose_payer(qtbot, page, "ross")
    qtbot.keyClick(form.payer.edit, Qt.Key.Key_Tab)
    type_text(form.amount, text)
    qtbot.keyClick(form.amount, Qt.Key.Key_Return)

    if text == "0":
        expected = _("Write an amount greater than zero.")  # said by the cash service
    else:
        with pytest.raises(ValueError) as refused:
            parse_money(text)
        expected = str(refused.value)
    assert form.errors.message_for("amount_cents") == expected
    assert "12,50" in expected or "zero" in expected
    assert form.findChild(QWidget, "error_amount_cents").isVisible()
    assert form.amount.hasFocus() and form.amount.text() == text  # kept, to be corrected
    assert form.payer.person_id() == people[0]
    assert services.cash.payment_ids(volunteer) == []
    assert page.preview is None and open_previews() == []


def test_an_anonymous_payment_above_77_47_is_refused_with_the_service_message(
    qtbot: QtBot, services: Services, volunteer: Actor, boxes: Boxes, pages: list[CashPage]
) -> None:
    page = make_page(qtbot, services, volunteer, pages)
    form = page.form
    qtbot.keyClick(form.payer.edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(form.amount, "77.48")
    qtbot.keyClick(form.amount, Qt.Key.Key_Return)
    message = form.errors.message_for("payer")
    assert message == "Above €77.47 a payment names who paid: choose the person or the association."
    assert form.payer.edit.hasFocus()
    assert services.cash.payment_ids(volunteer) == []

    # 77.47 is still a small ticket: anonymous is fine.
    qtbot.keyClick(form.payer.edit, Qt.Key.Key_Tab)
    assert form.amount.hasFocus() and form.amount.selectedText() == "77.48"  # typing replaces it
    qtbot.keyClicks(form.amount, "77.47")
    qtbot.keyClick(form.amount, Qt.Key.Key_Return)
    assert form.errors.message_for("payer") == ""
    assert page.preview is not None
    assert "—" in pdf_text(page.preview.path)  # an anonymous payer prints as a dash


def test_a_name_typed_but_not_chosen_is_said_before_saving(
    qtbot: QtBot, services: Services, volunteer: Actor, people: list[int], pages: list[CashPage]
) -> None:
    page = make_page(qtbot, services, volunteer, pages)
    form = page.form
    type_text(form.payer.edit, "zzz")  # nobody
    form.amount.setText("5")
    form.save()
    assert form.errors.message_for("payer").startswith("Choose the payer from the list")
    assert services.cash.payment_ids(volunteer) == []


def test_other_needs_a_description_and_money_out_prints_no_receipt(
    qtbot: QtBot,
    services: Services,
    volunteer: Actor,
    people: list[int],
    categories: dict[str | None, int],
    pages: list[CashPage],
) -> None:
    page = make_page(qtbot, services, volunteer, pages)
    form = page.form
    form.category.setCurrentIndex(form.category.findData(categories["other"]))
    form.amount.setText("5")
    form.save()
    assert form.errors.message_for("description") == "Write what the payment is for."
    assert form.description.hasFocus()

    form.payer.set_person(people[2], "العلي محمد")
    form.category.setCurrentIndex(form.category.findData(categories["deposit_returned"]))
    assert form.category.currentText() == "Deposit returned (money out)"
    form.amount.setText("20")
    form.method_buttons[PaymentMethod.CARD].setChecked(True)
    form.save()
    assert page.preview is None  # money out has no receipt
    assert form.status.text() == "Saved: €20.00 paid out (deposit returned). Money out has no receipt."
    assert form.method() is PaymentMethod.CASH and form.category.currentIndex() == 0  # back to the defaults
    assert page.today.model.index(0, COL_AMOUNT).data() == "-€20.00"
    assert page.today.model.index(0, COL_RECEIPT).data() == "none (money out)"


def test_a_membership_card_is_sold_with_its_number(
    qtbot: QtBot,
    services: Services,
    volunteer: Actor,
    people: list[int],
    categories: dict[str | None, int],
    pages: list[CashPage],
) -> None:
    page = make_page(qtbot, services, volunteer, pages)
    form = page.form
    form.category.setCurrentIndex(form.category.findData(categories["membership"]))
    form.amount.setText("25")
    form.save()
    assert form.errors.message_for("payer") == "A membership card is sold to a person: choose who pays."

    form.payer.set_person(people[0], "Rossi Nicolò")
    form.save()
    cards = services.memberships.of_person(volunteer, people[0])
    assert [(card.year, card.card_number, card.receipt_code) for card in cards] == [(2026, 1, "1/2026")]
    assert form.status.text() == "Receipt 1/2026 saved: €25.00, Rossi Nicolò (card no. 1 for 2026)."
    assert page.preview is not None and "card no. 1 for 2026" in pdf_text(page.preview.path)


def test_the_roll_paper_is_remembered_on_this_computer(
    qtbot: QtBot, services: Services, volunteer: Actor, pages: list[CashPage]
) -> None:
    page = make_page(qtbot, services, volunteer, pages)
    assert receipt_layout() == "a4" and page.form.layout_choice() == "a4"
    page.form.paper.setCurrentIndex(page.form.paper.findData("roll"))
    assert receipt_layout() == "roll"
    again = make_page(qtbot, services, volunteer, pages)
    assert again.form.layout_choice() == "roll"
    again.form.amount.setText("3")
    again.form.save()
    assert again.preview is not None
    width = again.preview.document.pagePointSize(0).width()
    assert width == pytest.approx(80 / 25.4 * 72, abs=1)  # the 80 mm roll


# -- the receipts list -------------------------------------------------------------------------------


def test_the_cash_models_pass_the_model_tester(
    qtmodeltester: ModelTester,
    services: Services,
    volunteer: Actor,
    people: list[int],
    categories: dict[str | None, int],
) -> None:
    pay(services, volunteer, 2500, categories["membership"], payer_person_id=people[0])
    pay(services, volunteer, 300, categories["service_ticket"])
    pay(services, volunteer, 2000, categories["deposit_returned"], payer_person_id=people[1])
    receipts = make_receipts_model(services=services, actor=volunteer)
    receipts.set_ids(services.receipts.search_ids(volunteer))
    assert receipts.rowCount() == 2
    qtmodeltester.check(receipts)
    assert receipts.index(0, COL_NUMBER).data() == "2/2026" and receipts.index(0, COL_PAYER).data() == "—"
    payments = make_payments_model(services=services, actor=volunteer)
    payments.set_ids(services.cash.payment_ids(volunteer))
    assert payments.rowCount() == 3
    qtmodeltester.check(payments)
    receipts.set_ids([])
    qtmodeltester.check(receipts)


@pytest.fixture
def three_receipts(
    services: Services, volunteer: Actor, people: list[int], categories: dict[str | None, int], clock: FixedClock
) -> list[int]:
    """1/2026 and 2/2026 yesterday, 3/2026 today."""
    clock.advance(days=-1)
    ids = [
        pay(services, volunteer, 2500, categories["membership"], payer_person_id=people[0]),
        pay(services, volunteer, 8000, categories["room_hire"], payer_person_id=people[1]),
    ]
    clock.advance(days=1)
    ids.append(pay(services, volunteer, 1500, categories["workshop_fee"], payer_person_id=people[2]))
    return ids


def search_receipts(page: CashPage, text: str) -> list[str]:
    page.receipts.search.clear()
    type_text(page.receipts.search, text)
    page.receipts.apply_search_now()
    model = page.receipts.model
    return [model.index(row, COL_NUMBER).data() for row in range(model.rowCount())]


def test_receipts_are_found_by_number_payer_or_date(
    qtbot: QtBot, services: Services, volunteer: Actor, three_receipts: list[int], pages: list[CashPage]
) -> None:
    page = make_page(qtbot, services, volunteer, pages)
    page.focus_search()  # Ctrl+F
    assert page.tabs.currentWidget() is page.receipts and page.receipts.search.hasFocus()
    assert page.receipts.count_label.text() == "3 receipts"
    assert search_receipts(page, "2/2026") == ["2/2026"]
    assert search_receipts(page, "2") == ["2/2026"]
    assert search_receipts(page, "dorđ") == ["2/2026"]
    assert search_receipts(page, "محمد") == ["3/2026"]
    assert search_receipts(page, "21/11/2026") == ["2/2026", "1/2026"]
    assert search_receipts(page, "2026-11-22") == ["3/2026"]
    assert search_receipts(page, "rossi 21/11/2026") == ["1/2026"]
    assert search_receipts(page, "9/2026") == []
    assert page.receipts.empty_hint.isVisible()
    page.add_new()  # Ctrl+N goes back to the form
    assert page.tabs.currentWidget() is page.payment_tab and page.form.payer.edit.hasFocus()


def test_reprint_shows_a_duplicate(
    qtbot: QtBot, services: Services, volunteer: Actor, three_receipts: list[int], pages: list[CashPage]
) -> None:
    page = make_page(qtbot, services, volunteer, pages)
    page.tabs.setCurrentWidget(page.receipts)
    assert search_receipts(page, "1/2026") == ["1/2026"]
    qtbot.keyClick(page.receipts.search, Qt.Key.Key_Down)  # into the list
    qtbot.keyClick(page.receipts.table, Qt.Key.Key_Return)  # Enter reprints
    preview = page.receipts.preview
    assert preview is not None and open_previews() == [preview]
    assert preview.windowTitle() == "Receipt no. 1/2026 (duplicate)"
    assert preview.path.name == "receipt-1-2026-duplicate.pdf"
    assert "DUPLICATE" in pdf_text(preview.path)
    assert services.receipts.get(volunteer, three_receipts[0]).reprint_count == 1
    preview.reject()
    qtbot.waitUntil(lambda: page.receipts.preview is None)


def test_a_volunteer_cannot_see_cancel(
    qtbot: QtBot, services: Services, volunteer: Actor, three_receipts: list[int], pages: list[CashPage]
) -> None:
    page = make_page(qtbot, services, volunteer, pages)
    page.tabs.setCurrentWidget(page.receipts)
    assert page.receipts.cancel_button.isHidden()
    assert page.receipts.open_button.isVisible()


def test_a_coordinator_cancels_a_receipt_with_a_reason(
    qtbot: QtBot,
    services: Services,
    coordinator: Actor,
    three_receipts: list[int],
    boxes: Boxes,
    pages: list[CashPage],
) -> None:
    page = make_page(qtbot, services, coordinator, pages)
    receipts = page.receipts
    page.tabs.setCurrentWidget(receipts)
    assert search_receipts(page, "3/2026") == ["3/2026"]
    qtbot.keyClick(receipts.search, Qt.Key.Key_Down)
    assert receipts.cancel_button.isVisible() and receipts.cancel_button.isEnabled()
    before = page.today.total.text()

    receipts.cancel_button.click()
    dialog = receipts.dialog
    assert isinstance(dialog, CancelReceiptDialog)
    dialog.save_button.click()  # no reason yet
    assert dialog.errors.message_for("reason") == "Write why the receipt is cancelled: it is printed on it."
    assert boxes.questions == []
    type_text(dialog.reason, "importo sbagliato")
    boxes.answer = False  # "No" at the confirmation: nothing happens
    dialog.save_button.click()
    assert len(boxes.questions) == 1 and not services.receipts.get(coordinator, three_receipts[2]).cancelled
    boxes.answer = True
    dialog.save_button.click()
    assert boxes.questions[-1].startswith("Cancel receipt 3/2026 of €15.00?")
    qtbot.waitUntil(lambda: receipts.dialog is None)

    cancelled = services.receipts.get(coordinator, three_receipts[2])
    assert cancelled.cancellation is not None
    assert (cancelled.cancellation.reason, cancelled.cancellation.by_name) == ("importo sbagliato", "Teresa")
    assert receipts.model.index(0, COL_STATE).data() == "CANCELLED"
    assert not receipts.cancel_button.isEnabled()
    assert (
        page.today.total.text() != before and "1 cancelled receipt (€15.00) is not counted." in page.today.total.text()
    )

    receipts.open_current()  # Reprint
    assert receipts.preview is not None
    assert receipts.preview.windowTitle() == "Receipt no. 3/2026 (cancelled)"
    text = pdf_text(receipts.preview.path)
    assert "CANCELLED" in text and "importo sbagliato" in text and "DUPLICATE" in text


# -- the daily summary -------------------------------------------------------------------------------


def test_the_summary_adds_up_the_day_and_a_closed_day_takes_no_payment(
    qtbot: QtBot,
    services: Services,
    volunteer: Actor,
    people: list[int],
    categories: dict[str | None, int],
    boxes: Boxes,
    pages: list[CashPage],
) -> None:
    pay(services, volunteer, 2500, categories["membership"], payer_person_id=people[0])
    pay(services, volunteer, 1000, categories["donation"], method=PaymentMethod.CARD)
    pay(services, volunteer, 500, categories["deposit_returned"], payer_person_id=people[1])
    page = make_page(qtbot, services, volunteer, pages)
    summary = page.summary
    page.tabs.setCurrentWidget(summary)
    assert summary.state.text() == "Open: the cash of Nov 22, 2026 is not closed yet."
    assert (summary.cash_in.text(), summary.cash_out.text(), summary.expected.text()) == ("€25.00", "€5.00", "€20.00")
    shown = " ".join(label.text() for label in summary.figures_widget.findChildren(QLabel))
    assert "Card" in shown and "€10.00" in shown and "Membership card" in shown and "-€5.00" in shown

    type_text(summary.opening, "50")
    assert summary.expected.text() == "€70.00"
    type_text(summary.counted, "68")
    assert summary.difference.text() == "−€2.00: missing from the drawer"
    summary.counted.clear()
    summary.counted.setFocus()
    type_text(summary.counted, "70")
    assert summary.difference.text() == "€0.00: the drawer matches"
    qtbot.keyClick(summary.counted, Qt.Key.Key_Return)  # Close the day, after asking
    assert len(boxes.questions) == 1 and "cannot be changed" in boxes.questions[0]

    closing = services.cash_closings.closing(volunteer, services.clock.today())
    assert closing is not None
    assert (closing.figures.opening_float_cents, closing.counted_cents, closing.difference_cents) == (5000, 7000, 0)
    assert summary.state.text().startswith("Closed on ") and "by Samir" in summary.state.text()
    assert summary.close_button.isHidden() and summary.opening.isReadOnly() and summary.counted.isReadOnly()
    assert summary.counted.text() == "€70.00"

    # The day is closed: the desk takes no more payments today, and says why.
    page.add_new()
    page.form.amount.setText("3")
    page.form.save()
    assert page.form.errors.general_message() == (
        "Today's cash has already been closed: no more payments can be recorded today."
    )
    assert len(services.cash.payment_ids(volunteer)) == 3
    assert page.preview is None


def test_an_earlier_day_shows_its_own_figures(
    qtbot: QtBot,
    services: Services,
    volunteer: Actor,
    three_receipts: list[int],
    boxes: Boxes,
    pages: list[CashPage],
) -> None:
    page = make_page(qtbot, services, volunteer, pages)
    summary = page.summary
    page.tabs.setCurrentWidget(summary)
    assert summary.cash_in.text() == "€15.00"
    summary.day.setDate(QDate(2026, 11, 21))
    assert summary.cash_in.text() == "€105.00"
    assert summary.day.maximumDate() == QDate(2026, 11, 22)  # a day not begun cannot be closed
    summary.user.setCurrentIndex(summary.user.findText("Giulia"))
    assert summary.cash_in.text() == "€0.00"


def test_the_paper_choices_are_the_receipt_layouts() -> None:
    """The page lists the layouts without importing reportlab at start; they must stay the same."""
    from app.reports.receipt import LAYOUTS
    from ui.pages.cash import receipt_output

    assert receipt_output.LAYOUTS == LAYOUTS


def test_starting_the_desk_does_not_import_the_pdf_machinery() -> None:
    """reportlab and QtPdf cost a tenth of a second: they load with the first receipt, not at start."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from ui.main_window import MainWindow\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'app') and 'reports' in m "
        "or m.startswith('reportlab') or m == 'PySide6.QtPdf'))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_an_association_pays_with_the_keyboard_only(
    qtbot: QtBot, services: Services, admin: Actor, volunteer: Actor, boxes: Boxes, pages: list[CashPage]
) -> None:
    association = services.organisations.create(admin, OrganisationDraft(name="Amici del Borgo Dora")).id
    services.organisations.create(admin, OrganisationDraft(name="Bocciofila Vanchiglia"))
    page = make_page(qtbot, services, volunteer, pages)
    form = page.form
    assert form.payer.edit.hasFocus() and not form.payer_is_organisation()

    # Shift+Tab reaches the Person / Association switch; the arrow chooses Association and the
    # cursor goes into the association's field.
    qtbot.keyClick(form.payer.edit, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert form.payer_person_button.hasFocus()
    qtbot.keyClick(form.payer_person_button, Qt.Key.Key_Right)
    assert form.payer_is_organisation()
    organisation = form.payer_organisation
    qtbot.waitUntil(organisation.edit.hasFocus)
    assert not form.payer.isVisible()

    type_text(organisation.edit, "amici")
    assert organisation.popup.isVisible()
    qtbot.keyClick(organisation.popup, Qt.Key.Key_Down)
    qtbot.keyClick(organisation.popup, Qt.Key.Key_Return)
    assert organisation.organisation_id() == association
    qtbot.keyClick(organisation.edit, Qt.Key.Key_Tab)
    assert form.amount.hasFocus()
    qtbot.keyClicks(form.amount, "40")
    qtbot.keyClick(form.amount, Qt.Key.Key_Return)

    ids = services.receipts.search_ids(volunteer, query="1/2026")
    receipt = services.receipts.get(volunteer, ids[0])
    assert (receipt.total_cents, receipt.payer.name) == (4000, "Amici del Borgo Dora")
    assert page.preview is not None and "Amici del Borgo Dora" in pdf_text(page.preview.path)
    # Ready for the next person: back to a person payer, everything empty.
    assert not form.payer_is_organisation() and organisation.organisation_id() is None
    assert organisation.edit.text() == "" and boxes.errors == []


def test_a_membership_card_is_not_sold_to_an_association(
    qtbot: QtBot, services: Services, admin: Actor, volunteer: Actor, boxes: Boxes, pages: list[CashPage]
) -> None:
    services.organisations.create(admin, OrganisationDraft(name="Amici del Borgo Dora"))
    page = make_page(qtbot, services, volunteer, pages)
    form = page.form
    form.payer_organisation_button.setChecked(True)
    type_text(form.payer_organisation.edit, "Amici")
    qtbot.keyClick(form.payer_organisation.edit, Qt.Key.Key_Return)  # the only match
    assert form.payer_organisation.organisation_id() is not None
    form.category.setCurrentIndex(form.category.findText("Membership card"))
    form.amount.setText("20")
    form.save()
    assert form.errors.message_for("payer") == "A membership card is sold to a person: choose who pays."
    assert services.cash.payment_ids(volunteer) == []
