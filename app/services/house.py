"""The house's own details, its logo and the desk's settings.

The logo (printed on the weekly programme poster) lives in its own table, ``house_logos``, with at
most one row (``id = 1``): a picture is too large for the JSON settings, and keeping it in the
database means a backup holds it too. No row means no logo. JPEG or PNG, at most 2 MB, like a
tool's photo.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.clock import Clock
from app.db.engine import Database
from app.db.models import HouseLogo, Setting
from app.errors import ValidationError
from app.i18n import LANGUAGES, _
from app.pictures import picture_type
from app.services import audit
from app.services.roles import Actor, Role, authorise
from app.services.validation import (
    Problems,
    check_fiscal_code,
    check_kinds,
    check_max_length,
    check_required,
    check_values,
    clean,
)

DEFAULT_IDLE_LOCK_MINUTES = 5
MAX_LOGO_BYTES = 2 * 1024 * 1024
_LOGO_ID = 1


@dataclass(frozen=True)
class HouseDetails:
    name: str
    address: str
    fiscal_code: str


@dataclass(frozen=True)
class Logo:
    data: bytes
    media_type: str  # "image/jpeg" or "image/png"


@dataclass(frozen=True)
class DeskSettings:
    idle_lock_minutes: int = DEFAULT_IDLE_LOCK_MINUTES
    language: str = "it"


def read_setting(session: Session, key: str, default: Any) -> Any:
    row = session.get(Setting, key)
    return default if row is None else json.loads(row.value)


def write_setting(session: Session, key: str, value: Any) -> None:
    encoded = json.dumps(value, ensure_ascii=False)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=encoded))
    else:
        row.value = encoded


def validate_house(details: HouseDetails) -> HouseDetails:
    problems = Problems()
    name = clean(details.name)
    address = clean(details.address)
    check_required(problems, "name", name, _("Write the name of the house."))
    check_max_length(problems, "name", name, 200)
    check_required(problems, "address", address, _("Write the address of the house: it is printed on receipts."))
    fiscal_code = clean(details.fiscal_code)
    check_required(
        problems, "fiscal_code", fiscal_code, _("Write the fiscal code of the house: it is printed on receipts.")
    )
    fiscal_code = check_fiscal_code(problems, "fiscal_code", fiscal_code)
    problems.raise_if_any()
    return HouseDetails(name=name, address=address, fiscal_code=fiscal_code)


def read_house(session: Session) -> HouseDetails:
    """The house's details as stored, in the caller's transaction (receipts print them)."""
    return HouseDetails(
        name=read_setting(session, "house.name", ""),
        address=read_setting(session, "house.address", ""),
        fiscal_code=read_setting(session, "house.fiscal_code", ""),
    )


def store_house(session: Session, details: HouseDetails) -> None:
    write_setting(session, "house.name", details.name)
    write_setting(session, "house.address", details.address)
    write_setting(session, "house.fiscal_code", details.fiscal_code)


class HouseService:
    def __init__(self, *, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    def details(self) -> HouseDetails:
        """Readable without signing in: the login screen shows the house's name."""
        with self._database.sessions.begin() as session:
            return read_house(session)

    def update_details(self, actor: Actor, details: HouseDetails) -> HouseDetails:
        check_kinds(details)
        cleaned = validate_house(details)
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.ADMIN)
            changed = [
                field
                for field in ("name", "address", "fiscal_code")
                if read_setting(session, f"house.{field}", "") != getattr(cleaned, field)
            ]
            if changed:
                store_house(session, cleaned)
                audit.record(session, self._clock, actor, "update", "house", None, changed)
        return cleaned

    def desk_settings(self) -> DeskSettings:
        with self._database.sessions.begin() as session:
            return DeskSettings(
                idle_lock_minutes=int(read_setting(session, "desk.idle_lock_minutes", DEFAULT_IDLE_LOCK_MINUTES)),
                language=str(read_setting(session, "desk.language", "it")),
            )

    def update_desk_settings(self, actor: Actor, settings: DeskSettings) -> DeskSettings:
        check_kinds(settings)
        problems = Problems()
        if not 1 <= settings.idle_lock_minutes <= 240:
            problems.add("idle_lock_minutes", _("The idle lock must be between 1 and 240 minutes."))
        if settings.language not in LANGUAGES:
            problems.add("language", _("Choose Italiano or English."))
        problems.raise_if_any()
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.ADMIN)
            changed = []
            for field, key in (("idle_lock_minutes", "desk.idle_lock_minutes"), ("language", "desk.language")):
                value = getattr(settings, field)
                if read_setting(session, key, getattr(DeskSettings(), field)) != value:
                    write_setting(session, key, value)
                    changed.append(field)
            if changed:
                audit.record(session, self._clock, actor, "update", "settings", None, changed)
        return settings

    def logo(self, actor: Actor) -> Logo | None:
        """The house's logo (JPEG or PNG bytes), or None when none was chosen."""
        with self._database.sessions.begin() as session:
            authorise(session, actor)
            row = session.get(HouseLogo, _LOGO_ID)
            return None if row is None else Logo(data=row.data, media_type=row.media_type)

    def set_logo(self, actor: Actor, data: bytes | None) -> Logo | None:
        """Set (JPEG or PNG, at most 2 MB) or, with None, remove the house's logo (admins)."""
        check_values({"data": (data, bytes | None)})
        media_type = None
        if data is not None:
            media_type = picture_type(data)
            if media_type is None:
                raise ValidationError(_("The logo must be a JPEG or PNG picture."), field="logo")
            if len(data) > MAX_LOGO_BYTES:
                raise ValidationError(_("The logo is too large: choose a picture of at most 2 MB."), field="logo")
        with self._database.sessions.begin() as session:
            authorise(session, actor, Role.ADMIN)
            row = session.get(HouseLogo, _LOGO_ID)
            if data is None or media_type is None:
                if row is not None:
                    session.delete(row)
                    audit.record(session, self._clock, actor, "delete", "house_logo", None)
                return None
            if row is None:
                session.add(HouseLogo(id=_LOGO_ID, media_type=media_type, data=data, updated_at=self._clock.now()))
            else:
                row.media_type, row.data, row.updated_at = media_type, data, self._clock.now()
            audit.record(session, self._clock, actor, "update", "house_logo", None, ("data",))
            return Logo(data=data, media_type=media_type)
