"""Privacy at the desk: export and erasure from the person's form, the retention review, and the
consent marks where people are served."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.clock import FixedClock
from app.i18n import in_language
from app.services import Services
from app.services.people import PersonDraft
from app.services.privacy import ConsentMark
from app.services.roles import Actor
from app.services.tools import ToolDraft
from tests.ui.keyboard import type_text
from tests.ui.message_boxes import patch_boxes
from ui.dialogs.erase_dialog import EraseDialog
from ui.dialogs.person_editor import PersonEditor
from ui.dialogs.retention_dialog import RetentionDialog
from ui.pages.lending.lend_panel import LendPanel
from ui.widgets.consent_mark import mark_text

SHOTS = Path("/tmp")


def person(services: Services, actor: Actor, given: str, family: str, **fields: object) -> int:
    return services.people.create(actor, PersonDraft(given_name=given, family_name=family, **fields)).id  # type: ignore[arg-type]


def editor(qtbot: QtBot, services: Services, actor: Actor, person_id: int) -> PersonEditor:
    dialog = PersonEditor(services=services, actor=actor, person_id=person_id)
    qtbot.addWidget(dialog)
    return dialog


def test_only_an_admin_sees_export_and_erase(qtbot: QtBot, services: Services, admin: Actor, volunteer: Actor) -> None:
    anna = person(services, volunteer, "Anna", "Rossi")
    assert editor(qtbot, services, volunteer, anna).export_button is None
    dialog = editor(qtbot, services, admin, anna)
    assert dialog.export_button is not None and dialog.erase_button is not None
    assert dialog.privacy_state.text().endswith("no consent")


def test_export_writes_the_pdf_and_the_json_beside_it(
    qtbot: QtBot, services: Services, admin: Actor, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    boxes = patch_boxes(monkeypatch)
    anna = person(services, admin, "Anna", "Rossi", phone="333 123 4567")
    dialog = editor(qtbot, services, admin, anna)
    boxes.file_to_save = tmp_path / "anna.pdf"
    assert dialog.export_button is not None
    dialog.export_button.click()
    assert boxes.suggested_paths[0].name == "rossi-anna-data.pdf"
    assert (tmp_path / "anna.pdf").read_bytes().startswith(b"%PDF")
    data = json.loads((tmp_path / "anna.json").read_text(encoding="utf-8"))
    assert data["person"]["phone"] == "333 123 4567"
    assert "anna.json" in boxes.infos[0]


def test_erase_needs_the_typed_name_then_the_form_is_read_only(
    qtbot: QtBot, services: Services, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes = patch_boxes(monkeypatch)
    anna = person(services, admin, "Anna", "Rossi", email="anna@example.org")
    form = editor(qtbot, services, admin, anna)

    def answer() -> None:
        dialog = form.erase_dialog
        assert dialog is not None and dialog.erase_button is not None
        assert not dialog.erase_button.isEnabled()
        type_text(dialog.name_edit, "rossi ann")
        assert not dialog.erase_button.isEnabled()
        type_text(dialog.name_edit, "a")
        assert dialog.erase_button.isEnabled()
        assert "10 years" in dialog.explanation.text()  # the receipts stay, and the admin is told
        dialog.erase_button.click()

    monkeypatch.setattr(EraseDialog, "exec", lambda self: _run(self, answer))
    assert form.erase_button is not None
    form.erase_button.click()
    assert form.result() == QDialog.DialogCode.Accepted
    assert boxes.infos == ["The data of Rossi Anna was erased."]
    assert services.people.get(admin, anna).draft.email == ""

    again = editor(qtbot, services, admin, anna)
    assert again.erased and again.erased_banner.isVisibleTo(again)
    assert again.erase_button is None and not again.save_button.isVisibleTo(again)
    assert not again.given_name.isEnabled()
    again.save()  # nothing happens: an erased person is never edited back
    assert services.people.get(admin, anna).display_name == f"Erased person #{anna}"


def _run(dialog: EraseDialog, answer: Callable[[], None]) -> int:
    """Stand-in for ``exec``: the test types in the dialog as the admin would, then reads its result."""
    dialog.show()
    answer()
    return dialog.result()


def test_open_loans_block_erasure_in_the_dialog(
    qtbot: QtBot, services: Services, admin: Actor, coordinator: Actor
) -> None:
    anna = person(services, admin, "Anna", "Rossi")
    tool = services.tools.create(coordinator, ToolDraft(name="Scala", loan_days=3)).id
    services.loans.lend(coordinator, tool, anna, components_confirmed=True)
    dialog = EraseDialog(
        services=services, actor=admin, person_id=anna, name="Rossi Anna", given="Anna", family="Rossi"
    )
    qtbot.addWidget(dialog)
    assert dialog.erase_button is None
    assert "Take back the tools still on loan: Scala." in dialog.explanation.text()
    with in_language("it"):
        shown = EraseDialog(
            services=services, actor=admin, person_id=anna, name="Rossi Anna", given="Anna", family="Rossi"
        )
        qtbot.addWidget(shown)
        shown.show()
        shown.grab().save(str(SHOTS / "privacy_erase_blocked.png"))


def test_retention_lists_and_erases_one_by_one(
    qtbot: QtBot, services: Services, admin: Actor, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    boxes = patch_boxes(monkeypatch)
    clock.current = datetime(2019, 3, 1, 10, 0)
    old = person(services, admin, "Lia", "Bassi", phone="011 555 1234")
    person(services, admin, "Ugo", "Conti")
    clock.current = datetime(2026, 11, 22, 9, 0)
    person(services, admin, "Eva", "Nuova")
    dialog = RetentionDialog(services=services, actor=admin)
    qtbot.addWidget(dialog)
    assert [row.name for row in dialog.rows] == ["Bassi Lia", "Conti Ugo"]
    assert dialog.table.item(0, 3).text() == "registry record"

    dialog.years.setValue(9)
    dialog.years.editingFinished.emit()
    assert dialog.rows == [] and "nobody to review" in dialog.summary.text()
    assert services.privacy.retention_years(admin) == 9
    dialog.years.setValue(5)
    dialog.years.editingFinished.emit()

    def erase(self: EraseDialog) -> int:
        self.name_edit.setText("Lia Bassi")
        self.erase()
        return self.result()

    monkeypatch.setattr(EraseDialog, "exec", erase)
    dialog.table.selectRow(0)
    dialog.erase_button.click()
    assert [row.name for row in dialog.rows] == ["Conti Ugo"]
    assert boxes.infos == ["The data of Bassi Lia was erased."]
    assert services.privacy.is_erased(admin, old)


def test_lend_panel_marks_the_borrower(qtbot: QtBot, services: Services, admin: Actor, volunteer: Actor) -> None:
    child = person(services, volunteer, "Leo", "Lodi", birth_year=2018)
    row = services.people.rows(volunteer, [child])[0]
    panel = LendPanel(consent_mark=lambda person_id: services.privacy.consent_mark(volunteer, person_id))
    qtbot.addWidget(panel)
    panel.set_borrower(row, [])
    assert panel.privacy.text() == "⚠ minor without guardian's consent"
    plain = LendPanel()
    qtbot.addWidget(plain)
    plain.set_borrower(row, [])
    assert plain.privacy.text() == "⚠ no consent"
    panel.clear()
    assert panel.privacy.text() == ""


def test_marks_say_only_what_needs_attention() -> None:
    signed = date(2026, 1, 1)
    assert mark_text(ConsentMark(1, None, False, minor=False, has_guardian=False)) == "⚠ no consent"
    assert mark_text(ConsentMark(1, signed, False, minor=False, has_guardian=False)) == "no photos"
    assert mark_text(ConsentMark(1, signed, True, minor=False, has_guardian=False)) == ""
    assert mark_text(ConsentMark(1, signed, True, minor=True, has_guardian=True)) == ""
    assert mark_text(ConsentMark(1, None, False, minor=True, has_guardian=True)).endswith("guardian's consent")
    with in_language("it"):
        assert mark_text(ConsentMark(1, None, False, minor=True, has_guardian=False)) == (
            "⚠ minore senza consenso del tutore"
        )
        assert mark_text(ConsentMark(1, None, False, minor=False, has_guardian=False)) == "⚠ senza consenso"


def test_screenshots_in_italian(
    qtbot: QtBot, services: Services, admin: Actor, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The person's form with its buttons, the typed confirmation and the retention review."""
    clock.current = datetime(2019, 3, 1, 10, 0)
    for given, family in (("Lia", "Bassi"), ("Ugo", "Conti"), ("Nicolò", "Đorđević")):
        person(services, admin, given, family, phone="011 555 1234")
    clock.current = datetime(2026, 11, 22, 9, 0)
    anna = person(services, admin, "Anna", "Rossi", birth_year=1960)
    with in_language("it"):
        form = PersonEditor(services=services, actor=admin, person_id=anna)
        qtbot.addWidget(form)
        form.resize(1366, 700)
        form.show()
        form.grab().save(str(SHOTS / "privacy_person_editor.png"))
        confirm = EraseDialog(
            services=services, actor=admin, person_id=anna, name="Rossi Anna", given="Anna", family="Rossi"
        )
        qtbot.addWidget(confirm)
        confirm.show()
        type_text(confirm.name_edit, "Rossi Anna")
        confirm.grab().save(str(SHOTS / "privacy_erase_confirm.png"))
        review = RetentionDialog(services=services, actor=admin)
        qtbot.addWidget(review)
        review.show()
        review.grab().save(str(SHOTS / "privacy_retention.png"))
        assert review.erase_button.text() == "&Cancella dati…"
