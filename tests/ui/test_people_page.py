"""The people list: search as you type, the keyboard between search and list, opening and adding."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.i18n import _, set_language
from app.services import Services
from app.services.people import PersonDraft
from app.services.roles import Actor, Role
from tests.ui.keyboard import type_text
from tests.ui.message_boxes import Boxes, patch_boxes
from ui.areas import area_of
from ui.dialogs.person_editor import PersonEditor
from ui.models.people_model import COL_BORN, COL_CONSENT, COL_FAMILY, COL_GIVEN, make_people_model
from ui.pages.people_page import PeoplePage

# The offscreen platform cannot resize, raise or grab for the picker's popup and says so.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

PEOPLE = (
    PersonDraft(given_name="Nicolò", family_name="Rossi", phone="333 1234567", birth_year=1980),
    PersonDraft(given_name="Ana", family_name="Đorđević", email="ana@example.org", birth_year=1992),
    PersonDraft(given_name="محمد", family_name="العلي", phone="320 555 1212"),
    PersonDraft(given_name="Fang", family_name="王", consent_date=date(2026, 1, 10), consent_notice_version="2025-1"),
    PersonDraft(given_name="Ngozi", family_name="Okafor"),
)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return patch_boxes(monkeypatch)


@pytest.fixture
def people(services: Services, admin: Actor) -> list[int]:
    return [services.people.create(admin, draft).id for draft in PEOPLE]


def make_page(qtbot: QtBot, services: Services, actor: Actor) -> PeoplePage:
    page = PeoplePage(services=services, actor=actor)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    with qtbot.waitActive(page):
        page.show()
    page.shown()
    return page


def shown_names(page: PeoplePage) -> list[str]:
    model = page.model
    return [
        f"{model.index(row, COL_FAMILY).data()} {model.index(row, COL_GIVEN).data()}" for row in range(model.rowCount())
    ]


def search(qtbot: QtBot, page: PeoplePage, text: str) -> list[str]:
    page.search.clear()
    type_text(page.search, text)
    page.apply_search_now()
    return shown_names(page)


def test_people_model_passes_the_model_tester(
    qtmodeltester: ModelTester, services: Services, admin: Actor, people: list[int]
) -> None:
    model = make_people_model(services=services, actor=admin)
    model.set_ids(services.people.search_ids(admin))
    assert model.rowCount() == len(PEOPLE)
    qtmodeltester.check(model)


def test_people_model_shows_birth_year_and_consent(services: Services, admin: Actor, people: list[int]) -> None:
    model = make_people_model(services=services, actor=admin)
    model.set_ids(people)
    assert model.index(0, COL_BORN).data() == "1980"
    assert model.index(0, COL_CONSENT).data() == "—"
    assert model.index(3, COL_CONSENT).data() == _("Yes")
    assert model.index(0, COL_BORN).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.headerData(COL_FAMILY, Qt.Orientation.Horizontal) == _("Family name")


def test_search_ignores_accents_and_finds_every_alphabet(
    qtbot: QtBot, services: Services, admin: Actor, people: list[int]
) -> None:
    page = make_page(qtbot, services, admin)
    assert page.count_label.text() == "5 people"
    assert search(qtbot, page, "nicolo") == ["Rossi Nicolò"]
    assert search(qtbot, page, "dorđ") == ["Đorđević Ana"]
    assert search(qtbot, page, "DORD") == ["Đorđević Ana"]
    assert search(qtbot, page, "محمد") == ["العلي محمد"]
    assert search(qtbot, page, "王") == ["王 Fang"]
    assert search(qtbot, page, "1212") == ["العلي محمد"]
    assert page.count_label.text() == "1 person"
    assert page.empty_hint.isHidden()


def test_typing_searches_by_itself_after_a_short_pause(
    qtbot: QtBot, services: Services, admin: Actor, people: list[int]
) -> None:
    page = make_page(qtbot, services, admin)
    qtbot.keyClicks(page.search, "okaf")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert shown_names(page) == ["Okafor Ngozi"]


def test_nobody_found_says_what_to_do(qtbot: QtBot, services: Services, admin: Actor, people: list[int]) -> None:
    page = make_page(qtbot, services, admin)
    assert search(qtbot, page, "zzzz") == []
    assert page.empty_hint.isVisible()
    assert page.empty_hint.text() == _("Nobody found. Check the spelling, or add a new person.")
    assert page.count_label.text() == "0 people"
    assert not page.open_button.isEnabled()


def test_keyboard_goes_from_search_to_list_and_back(
    qtbot: QtBot, services: Services, admin: Actor, people: list[int]
) -> None:
    page = make_page(qtbot, services, admin)
    page.focus_search()
    assert page.search.hasFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus()
    assert page.selected_id() == page.model.id_at(0)
    assert page.open_button.isEnabled()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.selected_id() == page.model.id_at(1)
    qtbot.keyClick(page.table, Qt.Key.Key_Up)
    qtbot.keyClick(page.table, Qt.Key.Key_Up)
    assert page.search.hasFocus()
    # Typing a letter in the list goes on with the search instead of jumping around.
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    qtbot.keyClicks(page.table, "o")
    assert page.search.hasFocus()
    assert page.search.text() == "o"
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert page.search.text() == ""


def test_enter_on_a_row_opens_the_person_and_saving_reselects_them(
    qtbot: QtBot, services: Services, admin: Actor, people: list[int], boxes: Boxes
) -> None:
    page = make_page(qtbot, services, admin)
    search(qtbot, page, "okafor")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    editor = page.dialog
    assert isinstance(editor, PersonEditor)
    assert editor.family_name.text() == "Okafor"
    editor.phone.setText("351 7654321")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert page.dialog is None
    assert services.people.get(admin, people[4]).draft.phone == "351 7654321"
    assert page.selected_id() == people[4]
    assert page.model.index(page.model.row_of(people[4]), 2).data() == "351 7654321"


def test_new_person_is_selected_after_saving_even_if_the_search_hid_them(
    qtbot: QtBot, services: Services, admin: Actor, people: list[int], boxes: Boxes
) -> None:
    page = make_page(qtbot, services, admin)
    search(qtbot, page, "zzzz")
    page.add_new()
    editor = page.dialog
    assert isinstance(editor, PersonEditor)
    qtbot.keyClicks(editor.given_name, "Wang")
    qtbot.keyClicks(editor.family_name, "Fang")
    qtbot.keyClick(editor.family_name, Qt.Key.Key_Return)
    assert editor.result() == QDialog.DialogCode.Accepted
    assert page.search.text() == ""
    assert page.model.rowCount() == len(PEOPLE) + 1
    assert page.selected_id() == editor.saved_id


def test_cancelling_the_editor_leaves_the_list_as_it_was(
    qtbot: QtBot, services: Services, admin: Actor, people: list[int], boxes: Boxes
) -> None:
    page = make_page(qtbot, services, admin)
    page.open_record(people[0])
    editor = page.dialog
    assert isinstance(editor, PersonEditor)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert page.dialog is None
    assert boxes.questions == []  # nothing was changed, nothing to ask
    assert services.people.count(admin) == len(PEOPLE)


def test_page_speaks_english_too(qtbot: QtBot, services: Services, admin: Actor, people: list[int]) -> None:
    set_language("en")
    page = make_page(qtbot, services, admin)
    assert area_of(PeoplePage).title() == "People"
    assert page.search.placeholderText() == "Search by name, phone or email…"
    assert page.new_button.text() == "New person"
    assert page.model.headerData(COL_BORN, Qt.Orientation.Horizontal) == "Born"


def test_a_list_that_cannot_be_read_shows_a_message_instead_of_crashing(
    qtbot: QtBot, services: Services, admin: Actor, volunteer: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import messages

    services.people.create(volunteer, PersonDraft(given_name="Ada", family_name="Neri"))
    page = PeoplePage(services=services, actor=volunteer)
    qtbot.addWidget(page)
    page.apply_search_now()
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, text, **_kw: shown.append(text))
    services.accounts.update_user(admin, volunteer.user_id, name="Samir", role=Role.VOLUNTEER, active=False)
    page.model.refresh()
    assert page.model.data(page.model.index(0, 0)) == ""
    qtbot.waitUntil(lambda: bool(shown))
    assert "no longer active" in shown[0]
