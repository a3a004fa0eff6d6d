"""The person picker's own list model, checked like every Qt model of the desk."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester

from app.services import Services
from app.services.people import PersonDraft
from app.services.roles import Actor
from ui.widgets.person_picker import ID_ROLE, NAME_ROLE, PersonMatches


def test_the_matches_model_passes_the_model_tester(
    qtmodeltester: ModelTester, services: Services, volunteer: Actor
) -> None:
    for given, family, phone in (("Nicolò", "Amato", "333 1234567"), ("محمد", "العلوي", ""), ("芳", "王", "")):
        services.people.create(volunteer, PersonDraft(given_name=given, family_name=family, phone=phone))
    model = PersonMatches()
    model.set_rows(services.people.search(volunteer, ""))
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    first = model.index(0, 0)
    assert model.data(first, NAME_ROLE) == "Amato Nicolò"
    assert isinstance(model.data(first, ID_ROLE), int)
    model.set_rows([])
    qtmodeltester.check(model)
    assert model.rowCount() == 0
