"""Fixtures shared by every test: a private home directory and a real database file per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Set before anything imports Qt: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app import i18n
from app.clock import FixedClock
from app.db.engine import Database
from app.db.schema import open_database
from app.services import Services
from app.services.house import HouseDetails
from app.services.roles import Actor, Role

ADMIN_PIN = "246813"
HOUSE = HouseDetails(name="Bagni Pubblici di Via Agliè", address="Via Agliè 9, 10154 Torino", fiscal_code="97735280014")


@pytest.fixture(autouse=True)
def portineria_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own PORTINERIA_HOME.

    Tests run in English, the language of the msgids, so that their assertions read like the
    code; the tests of translations switch to Italian themselves.
    """
    home = tmp_path / "home"
    monkeypatch.setenv("PORTINERIA_HOME", str(home))
    i18n.set_language("en")
    yield home
    i18n.set_language("en")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "house.sqlite3", backups_dir=tmp_path / "backups")
    yield db
    db.close()


@pytest.fixture
def services(database: Database, clock: FixedClock) -> Services:
    return Services.build(database=database, clock=clock)


@pytest.fixture
def admin(services: Services) -> Actor:
    return services.accounts.first_run(house=HOUSE, admin_name="Giulia", pin=ADMIN_PIN, pin_again=ADMIN_PIN)


@pytest.fixture
def volunteer(services: Services, admin: Actor) -> Actor:
    row = services.accounts.create_user(admin, name="Samir", role=Role.VOLUNTEER, pin="135790")
    return services.accounts.login(row.id, "135790")


@pytest.fixture
def coordinator(services: Services, admin: Actor) -> Actor:
    row = services.accounts.create_user(admin, name="Teresa", role=Role.COORDINATOR, pin="864209")
    return services.accounts.login(row.id, "864209")
