"""The people registry: validation, search-as-you-type, lookalikes, roles and audit."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.clock import FixedClock
from app.errors import NotFound, ValidationError
from app.services import Services
from app.services.people import PersonDraft, may_be_under
from app.services.roles import Actor

NAMES = [
    ("Nicolò", "Rossi", "+39 333 123 4567", "nicolo.rossi@example.org"),
    ("Milan", "Đorđević", "", ""),
    ("Ngozi", "Okafor", "347 765 4321", ""),
    ("محمد", "علي", "", ""),
    ("芳", "王", "", "wang.fang@example.org"),
    ("Ștefan", "Popescu", "", ""),
]


@pytest.fixture
def registry(services: Services, volunteer: Actor) -> dict[str, int]:
    ids = {}
    for given_name, family, phone, email in NAMES:
        person = services.people.create(
            volunteer, PersonDraft(given_name=given_name, family_name=family, phone=phone, email=email)
        )
        ids[family] = person.id
    return ids


def found(services: Services, actor: Actor, query: str) -> list[str]:
    return [row.family_name for row in services.people.rows(actor, services.people.search_ids(actor, query))]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nicolo", ["Rossi"]),
        ("NICOLÒ ross", ["Rossi"]),
        ("dorđ", ["Đorđević"]),
        ("dorde", ["Đorđević"]),
        ("محمد", ["علي"]),
        ("王", ["王"]),
        ("stefan", ["Popescu"]),
        ("3331234", ["Rossi"]),
        ("+39 333", ["Rossi"]),
        ("333-1234567", ["Rossi"]),
        ("+39 347 765", ["Okafor"]),
        ("0039 333 123", ["Rossi"]),
        ("765", ["Okafor"]),
        ("example.org", ["Rossi", "王"]),
        ("zzz", []),
        ("50%", []),
    ],
)
def test_search_as_you_type(
    services: Services, volunteer: Actor, registry: dict[str, int], query: str, expected: list[str]
) -> None:
    assert sorted(found(services, volunteer, query)) == sorted(expected)


def test_an_empty_query_lists_everyone_in_name_order(
    services: Services, volunteer: Actor, registry: dict[str, int]
) -> None:
    assert found(services, volunteer, "") == ["Đorđević", "Okafor", "Popescu", "Rossi", "علي", "王"]
    assert services.people.count(volunteer) == len(NAMES)


def test_rows_keep_the_order_asked_and_skip_missing_ids(
    services: Services, volunteer: Actor, registry: dict[str, int]
) -> None:
    ids = [registry["王"], 9999, registry["Rossi"]]
    assert [row.family_name for row in services.people.rows(volunteer, ids)] == ["王", "Rossi"]


def test_lookalikes_warn_about_same_name_and_year_phone_or_email(
    services: Services, volunteer: Actor, registry: dict[str, int]
) -> None:
    services.people.update(
        volunteer, registry["Okafor"], PersonDraft(given_name="Ngozi", family_name="Okafor", birth_year=1990)
    )
    same_name = services.people.lookalikes(
        volunteer, PersonDraft(given_name="ngozi", family_name="OKAFOR", birth_date=date(1990, 5, 1))
    )
    assert [(match.row.family_name, match.reasons) for match in same_name] == [
        ("Okafor", ("same name and birth year",))
    ]
    same_phone = services.people.lookalikes(volunteer, PersonDraft(given_name="Anna", phone="0039 3331234567"))
    assert [match.row.family_name for match in same_phone] == ["Rossi"]
    same_email = services.people.lookalikes(volunteer, PersonDraft(email="Wang.Fang@Example.org"))
    assert [match.row.family_name for match in same_email] == ["王"]
    swapped = services.people.lookalikes(
        volunteer, PersonDraft(given_name="Okafor", family_name="Ngozi", birth_year=1990)
    )
    assert [match.row.family_name for match in swapped] == ["Okafor"]
    assert services.people.lookalikes(volunteer, PersonDraft(given_name="Ngozi", family_name="Okafor")) == []
    # A warning, not a refusal: the same person can be added again on purpose.
    services.people.create(volunteer, PersonDraft(given_name="Nicolò", family_name="Rossi", phone="3331234567"))


def test_bad_input_gets_one_message_per_field_and_nothing_is_saved(services: Services, volunteer: Actor) -> None:
    with pytest.raises(ValidationError) as caught:
        services.people.create(
            volunteer,
            PersonDraft(
                phone="abc",
                email="nobody@",
                birth_year=1850,
                consent_date=date(2030, 1, 1),
                photo_release=True,
            ),
        )
    assert {problem.field for problem in caught.value.problems} == {
        "given_name",
        "phone",
        "email",
        "birth_year",
        "consent_date",
        "consent_notice_version",
    }
    assert services.people.count(volunteer) == 0


def test_a_photo_release_needs_consent(services: Services, volunteer: Actor) -> None:
    with pytest.raises(ValidationError) as caught:
        services.people.create(volunteer, PersonDraft(given_name="Ada", photo_release=True))
    assert caught.value.problems[0].field == "photo_release"


def test_a_minor_under_14_needs_the_guardian_who_gave_consent(
    services: Services, volunteer: Actor, clock: FixedClock
) -> None:
    child = PersonDraft(
        given_name="Amina",
        family_name="Diallo",
        birth_date=date(2016, 4, 2),
        consent_date=clock.today(),
        consent_notice_version="2025-1",
    )
    with pytest.raises(ValidationError) as caught:
        services.people.create(volunteer, child)
    assert caught.value.problems[0].field == "guardian_id"
    parent = services.people.create(volunteer, PersonDraft(given_name="Awa", family_name="Diallo", birth_year=1985))
    saved = services.people.create(volunteer, PersonDraft(**{**child.__dict__, "guardian_id": parent.id}))
    assert saved.guardian_name == "Diallo Awa"
    assert saved.draft.birth_year == 2016
    sibling = services.people.create(volunteer, PersonDraft(given_name="Ali", family_name="Diallo", birth_year=2015))
    with pytest.raises(ValidationError, match="adult"):
        services.people.update(volunteer, saved.id, PersonDraft(**{**child.__dict__, "guardian_id": sibling.id}))
    with pytest.raises(ValidationError, match="own guardian"):
        services.people.update(volunteer, parent.id, PersonDraft(given_name="Awa", guardian_id=parent.id))


@given(
    birth=st.dates(min_value=date(1990, 1, 1), max_value=date(2026, 11, 22)),
    today=st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)),
)
def test_with_only_the_year_a_possible_minor_is_treated_as_one(birth: date, today: date) -> None:
    if birth > today:
        return
    exact = may_be_under(14, birth_date=birth, birth_year=None, today=today)
    by_year = may_be_under(14, birth_date=None, birth_year=birth.year, today=today)
    assert by_year or not exact


def test_updates_write_only_changed_fields_to_the_audit(
    services: Services, admin: Actor, volunteer: Actor, registry: dict[str, int]
) -> None:
    person_id = registry["Rossi"]
    before = services.people.get(volunteer, person_id).draft
    services.people.update(volunteer, person_id, PersonDraft(**{**before.__dict__, "phone": "011 555 1234"}))
    services.people.update(volunteer, person_id, PersonDraft(**{**before.__dict__, "phone": "011 555 1234"}))
    entries = services.audit.rows(admin, services.audit.entry_ids(admin, entity="person", entity_id=person_id))
    assert [(entry.action, entry.fields, entry.user_name) for entry in entries] == [
        ("update", ("phone",), "Samir"),
        ("create", ("email", "family_name", "given_name", "phone"), "Samir"),
    ]
    assert entries[0].record_label == "Rossi Nicolò"
    assert found(services, volunteer, "5551234") == ["Rossi"]
    assert found(services, volunteer, "3331234") == []


def test_a_missing_person_says_to_refresh(services: Services, volunteer: Actor) -> None:
    with pytest.raises(NotFound, match="refresh"):
        services.people.get(volunteer, 42)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(name=st.text(alphabet=st.characters(categories=["L", "M"]), min_size=1, max_size=12))
def test_any_name_finds_itself(services: Services, admin: Actor, name: str) -> None:
    person = services.people.create(admin, PersonDraft(given_name=name, family_name="Test"))
    assert person.id in services.people.search_ids(admin, name)


def test_consent_cannot_come_before_birth(services: Services, volunteer: Actor) -> None:
    with pytest.raises(ValidationError, match="before the birth date") as caught:
        services.people.create(
            volunteer,
            PersonDraft(
                given_name="Lea", birth_date=date(2020, 5, 1), consent_date=date(2019, 1, 1), consent_notice_version="1"
            ),
        )
    assert caught.value.problems[0].field == "consent_date"
