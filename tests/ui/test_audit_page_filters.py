"""The audit log page narrowed by days, user, record and words typed (all filtered in SQL)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from app.clock import FixedClock
from app.errors import LoginRefused
from app.i18n import set_language
from app.services import Services
from app.services.organisations import OrganisationDraft
from app.services.people import PersonDraft
from app.services.roles import Actor
from tests.ui.keyboard import type_text
from ui.models.audit_model import COL_RECORD, COL_WHAT, COL_WHO
from ui.pages.audit_page import NOBODY, SEARCH_PAUSE_MS, AuditPage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def house(services: Services, admin: Actor, volunteer: Actor, coordinator: Actor, clock: FixedClock) -> dict[str, int]:
    """Three days of work by three users; the ids of what they touched."""
    clock.current = datetime(2026, 11, 20, 10, 0)
    rossi = services.people.create(volunteer, PersonDraft(given_name="Mario", family_name="Rossi"))
    clock.current = datetime(2026, 11, 21, 11, 0)
    verdi = services.people.create(coordinator, PersonDraft(given_name="Anna", family_name="Verdi"))
    services.people.update(volunteer, rossi.id, PersonDraft(given_name="Mario", family_name="Rossi", notes="x"))
    clock.current = datetime(2026, 11, 22, 9, 30)
    group = services.organisations.create(admin, OrganisationDraft(name="Ciclofficina Rossi"))
    with pytest.raises(LoginRefused):
        services.accounts.login(volunteer.user_id, "000000")
    return {"rossi": rossi.id, "verdi": verdi.id, "group": group.id}


def make_page(qtbot: QtBot, services: Services, actor: Actor) -> AuditPage:
    page = AuditPage(services=services, actor=actor)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.shown()
    return page


def column(page: AuditPage, col: int) -> list[str]:
    return [page.model.index(row, col).data() for row in range(page.model.rowCount())]


def choose(combo_owner: AuditPage, name: str, value: object) -> None:
    combo = getattr(combo_owner, name)
    combo.setCurrentIndex(combo.findData(value))


def test_by_user_and_nobody_signed_in(
    qtbot: QtBot, services: Services, admin: Actor, volunteer: Actor, house: dict[str, int]
) -> None:
    page = make_page(qtbot, services, admin)
    names = [page.user.itemText(index) for index in range(page.user.count())]
    assert names == ["Everyone", "(nobody signed in)", "Giulia", "Samir", "Teresa"]
    choose(page, "user", volunteer.user_id)
    assert set(column(page, COL_WHO)) == {"Samir"}
    assert column(page, COL_WHAT) == ["changed", "created", "signed in"]
    choose(page, "user", NOBODY)
    assert column(page, COL_WHAT) == ["wrong PIN"]
    assert page.count_label.text() == "1 entry"


def test_by_days_either_way_round(qtbot: QtBot, services: Services, admin: Actor, house: dict[str, int]) -> None:
    page = make_page(qtbot, services, admin)
    everything = page.model.rowCount()
    assert not page.date_from.isEnabled()
    page.from_check.setChecked(True)
    page.to_check.setChecked(True)
    assert page.date_from.date() == QDate(2026, 11, 22)  # a ticked day starts on today
    assert column(page, COL_WHAT)[0] == "wrong PIN"
    page.date_from.setDate(QDate(2026, 11, 21))
    page.date_to.setDate(QDate(2026, 11, 21))
    assert column(page, COL_RECORD) == ["Person: Rossi Mario", "Person: Verdi Anna"]
    page.date_from.setDate(QDate(2026, 11, 22))
    page.date_to.setDate(QDate(2026, 11, 20))  # typed the other way round: the same span
    assert page.model.rowCount() == everything
    page.to_check.setChecked(False)  # no end: from the 22nd on
    assert not page.date_to.isEnabled()
    assert page.model.rowCount() == everything - 3
    assert "Person: Rossi Mario" not in column(page, COL_RECORD)


def test_by_kind_and_number_of_a_record(qtbot: QtBot, services: Services, admin: Actor, house: dict[str, int]) -> None:
    page = make_page(qtbot, services, admin)
    assert not page.record_id.isEnabled()
    choose(page, "kind", "person")
    assert page.record_id.isEnabled()
    assert page.model.rowCount() == 3
    page.record_id.setValue(house["rossi"])
    assert column(page, COL_WHAT) == ["changed", "created"]
    assert set(column(page, COL_RECORD)) == {"Person: Rossi Mario"}
    choose(page, "kind", None)
    assert not page.record_id.isEnabled()
    assert page.record_id.value() == 0
    page.show_record("organisation", house["group"])
    assert column(page, COL_RECORD) == ["Organisation: Ciclofficina Rossi"]
    assert page.kind.currentData() == "organisation"


def test_search_as_you_type_finds_names_of_records_and_users(
    qtbot: QtBot, services: Services, admin: Actor, house: dict[str, int]
) -> None:
    page = make_page(qtbot, services, admin)
    page.focus_search()
    type_text(page.search, "rossi")
    # Nothing happens at every key: the list follows after a short pause.
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=SEARCH_PAUSE_MS * 8)
    assert column(page, COL_RECORD) == [
        "Organisation: Ciclofficina Rossi",
        "Person: Rossi Mario",
        "Person: Rossi Mario",
    ]
    type_text(page.search, " mario")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # Enter does not wait
    assert column(page, COL_RECORD) == ["Person: Rossi Mario", "Person: Rossi Mario"]
    page.search.setText("teresa")
    page.reload()
    # What she did (the person she created, her sign-in) and what was done to her user.
    assert column(page, COL_WHO) == ["Teresa", "Teresa", "Giulia"]
    page.search.setText("%")  # a typed wildcard is taken literally: no entry holds one
    page.reload()
    assert page.model.rowCount() == 0
    assert page.count_label.text() == "0 entries"


def test_filters_combine_and_clear_in_one_go(
    qtbot: QtBot, services: Services, admin: Actor, volunteer: Actor, house: dict[str, int]
) -> None:
    page = make_page(qtbot, services, admin)
    everything = page.model.rowCount()
    choose(page, "user", volunteer.user_id)
    choose(page, "kind", "person")
    page.from_check.setChecked(True)
    page.date_from.setDate(QDate(2026, 11, 21))
    page.search.setText("notes")
    page.reload()
    assert column(page, COL_WHAT) == ["changed"]
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == everything
    assert page.search.text() == ""
    assert page.user.currentData() is None
    assert page.kind.currentData() is None
    assert not page.from_check.isChecked()


def test_the_filters_in_italian_fit_the_desk(
    qtbot: QtBot, services: Services, admin: Actor, house: dict[str, int]
) -> None:
    set_language("it")
    try:
        page = make_page(qtbot, services, admin)
        page.from_check.setChecked(True)
        page.date_from.setDate(QDate(2026, 11, 20))
        page.grab().save("/tmp/s3-audit-filters-it.png")
        for field in (page.search, page.user, page.date_from, page.date_to, page.kind, page.record_id):
            assert field.width() >= field.minimumSizeHint().width()
    finally:
        set_language("en")
