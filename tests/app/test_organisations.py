"""Associations and groups: validation, members, search and audit."""

from __future__ import annotations

import pytest

from app.errors import ValidationError
from app.services import Services
from app.services.organisations import OrganisationDraft, OrganisationKind
from app.services.people import PersonDraft
from app.services.roles import Actor


def test_an_organisation_with_contact_and_members(services: Services, volunteer: Actor, admin: Actor) -> None:
    anna = services.people.create(volunteer, PersonDraft(given_name="Anna", family_name="Bianchi"))
    yusuf = services.people.create(volunteer, PersonDraft(given_name="Yusuf", family_name="Kaya"))
    created = services.organisations.create(
        volunteer,
        OrganisationDraft(
            name="  Associazione Barriera Viva ",
            kind=OrganisationKind.ASSOCIATION,
            fiscal_code="9773 5280 014",
            contact_person_id=anna.id,
            member_ids=(yusuf.id, anna.id, yusuf.id),
        ),
    )
    assert created.draft.name == "Associazione Barriera Viva"
    assert created.draft.fiscal_code == "97735280014"
    assert created.contact is not None and created.contact.family_name == "Bianchi"
    assert [member.family_name for member in created.members] == ["Bianchi", "Kaya"]
    assert services.people.get(volunteer, anna.id).organisations == ("Associazione Barriera Viva",)

    rows = services.organisations.rows(volunteer, services.organisations.search_ids(volunteer, "barriera"))
    assert [(row.name, row.contact_name, row.member_count) for row in rows] == [
        ("Associazione Barriera Viva", "Bianchi Anna", 2)
    ]

    updated = services.organisations.update(
        volunteer, created.id, OrganisationDraft(name="Associazione Barriera Viva", member_ids=(yusuf.id,))
    )
    assert [member.family_name for member in updated.members] == ["Kaya"]
    entries = services.audit.rows(admin, services.audit.entry_ids(admin, entity="organisation"))
    assert entries[0].fields == ("contact_person_id", "fiscal_code", "member_ids")


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        (OrganisationDraft(name=""), "name"),
        (OrganisationDraft(name="Gruppo", fiscal_code="12345678901"), "fiscal_code"),
        (OrganisationDraft(name="Gruppo", fiscal_code="ABC"), "fiscal_code"),
        (OrganisationDraft(name="Gruppo", email="x@"), "email"),
        (OrganisationDraft(name="Gruppo", member_ids=(999,)), "member_ids"),
    ],
)
def test_bad_organisations_are_refused(
    services: Services, volunteer: Actor, draft: OrganisationDraft, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.organisations.create(volunteer, draft)
    assert caught.value.problems[0].field == field
    assert services.organisations.search_ids(volunteer) == []


def test_a_person_s_fiscal_code_is_accepted_for_an_informal_group(services: Services, volunteer: Actor) -> None:
    group = services.organisations.create(
        volunteer,
        OrganisationDraft(
            name="Mamme in cortile", kind=OrganisationKind.INFORMAL_GROUP, fiscal_code="rssmra85t10a562s"
        ),
    )
    assert group.draft.fiscal_code == "RSSMRA85T10A562S"
