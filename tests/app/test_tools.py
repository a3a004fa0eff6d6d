"""The catalogue: codes, validation, roles, statuses, photos, search and each tool's history."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.errors import PermissionDenied, ValidationError
from app.services import Services
from app.services.roles import Actor
from app.services.tool_rules import ToolEventKind, ToolStatus, code_prefix
from app.services.tools import ToolDraft
from tests.app.tool_house import DRILL, LADDER, tool

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


def test_a_tool_without_a_code_gets_the_next_one_of_its_category(services: Services, coordinator: Actor) -> None:
    first = services.tools.create(coordinator, DRILL)
    second = services.tools.create(coordinator, replace(DRILL, name="Trapano a batteria"))
    ladder = services.tools.create(coordinator, LADDER)
    assert (first.draft.code, second.draft.code, ladder.draft.code) == ("TR-0001", "TR-0002", "SC-0001")
    services.tools.create(coordinator, replace(DRILL, code="tr-0041 ", name="Vecchio trapano"))
    assert services.tools.propose_code(coordinator, "trapani") == "TR-0042"
    assert first.status is ToolStatus.AVAILABLE
    assert first.draft.components == ("valigetta", "2 batterie", "caricatore")


def test_code_prefixes_fold_accents_and_fall_back(services: Services) -> None:
    assert code_prefix("Élettrici") == "EL"
    assert code_prefix("") == "AT"
    assert code_prefix("3D") == "AT"


def test_bad_drafts_say_what_to_fix(services: Services, coordinator: Actor) -> None:
    tool(services, coordinator)
    with pytest.raises(ValidationError) as error:
        services.tools.create(coordinator, ToolDraft(code="TR-0001", name=" ", deposit_cents=-1, loan_days=91))
    assert error.value.for_field("name") == ["Write the name of the tool."]
    assert error.value.for_field("code") == [
        "Another tool has the code TR-0001: leave the code empty to get a new one."
    ]
    assert error.value.for_field("deposit_cents") == ["An amount cannot be negative."]
    assert error.value.for_field("loan_days") == ["A loan lasts from 1 to 90 days."]
    with pytest.raises(ValidationError, match="letters A-Z, digits and single dashes"):
        services.tools.create(coordinator, ToolDraft(code="TR 01", name="Sega"))


def test_only_coordinators_edit_the_catalogue(services: Services, volunteer: Actor, coordinator: Actor) -> None:
    with pytest.raises(PermissionDenied):
        services.tools.create(volunteer, DRILL)
    tool_id = tool(services, coordinator)
    with pytest.raises(PermissionDenied):
        services.tools.set_status(volunteer, tool_id, ToolStatus.LOST)
    assert services.tools.get(volunteer, tool_id).draft.name == "Trapano a percussione"


def test_statuses_need_their_reasons_and_are_in_the_history(services: Services, coordinator: Actor) -> None:
    tool_id = tool(services, coordinator)
    with pytest.raises(ValidationError, match=r"Write why the tool is retired\."):
        services.tools.set_status(coordinator, tool_id, ToolStatus.RETIRED)
    with pytest.raises(ValidationError, match="lending desk"):
        services.tools.set_status(coordinator, tool_id, ToolStatus.ON_LOAN)
    services.tools.set_status(coordinator, tool_id, ToolStatus.IN_REPAIR, "mandrino bloccato")
    services.tools.set_status(coordinator, tool_id, ToolStatus.AVAILABLE)
    details = services.tools.set_status(coordinator, tool_id, ToolStatus.RETIRED, "motore bruciato")
    assert (details.status, details.status_reason) == (ToolStatus.RETIRED, "motore bruciato")
    history = services.tools.history(coordinator, tool_id)
    assert [(row.kind, row.status, row.note) for row in history] == [
        (ToolEventKind.STATUS, ToolStatus.RETIRED, "motore bruciato"),
        (ToolEventKind.STATUS, ToolStatus.AVAILABLE, ""),
        (ToolEventKind.REPAIR, ToolStatus.IN_REPAIR, "mandrino bloccato"),
        (ToolEventKind.ADDED, ToolStatus.AVAILABLE, ""),
    ]
    assert {row.user_name for row in history} == {"Teresa"}


def test_edits_are_saved_audited_and_in_the_history(services: Services, coordinator: Actor, admin: Actor) -> None:
    tool_id = tool(services, coordinator)
    changed = services.tools.update(coordinator, tool_id, replace(DRILL, code="TR-0001", deposit_cents=4000))
    assert changed.draft.deposit_cents == 4000
    assert services.tools.history(coordinator, tool_id)[0].note == "deposit_cents"
    entries = services.audit.rows(admin, services.audit.entry_ids(admin, entity="tool", entity_id=tool_id))
    assert (entries[0].action, entries[0].fields) == ("update", ("deposit_cents",))


def test_search_and_filters_run_in_sql(services: Services, coordinator: Actor) -> None:
    drill = tool(services, coordinator)
    ladder = tool(services, coordinator, LADDER)
    tool(services, coordinator, replace(DRILL, name="Avvitatore", brand="Makita"))
    services.tools.set_status(coordinator, ladder, ToolStatus.IN_REPAIR, "gradino rotto")
    assert services.tools.rows(coordinator, services.tools.tool_ids(coordinator, search="bosch perc")) == [
        services.tools.rows(coordinator, [drill])[0]
    ]
    assert services.tools.tool_ids(coordinator, status=ToolStatus.IN_REPAIR) == [ladder]
    assert len(services.tools.tool_ids(coordinator, category="TRAPANI")) == 2
    assert services.tools.categories(coordinator) == ["Scale", "Trapani"]


def test_a_photo_is_a_jpeg_or_png_and_can_be_removed(services: Services, coordinator: Actor) -> None:
    tool_id = tool(services, coordinator)
    with pytest.raises(ValidationError, match="JPEG or PNG"):
        services.tools.set_photo(coordinator, tool_id, b"GIF89a")
    assert services.tools.set_photo(coordinator, tool_id, PNG).has_photo
    photo = services.tools.photo(coordinator, tool_id)
    assert photo is not None and (photo.media_type, photo.data) == ("image/png", PNG)
    assert not services.tools.set_photo(coordinator, tool_id, None).has_photo
    assert services.tools.photo(coordinator, tool_id) is None
