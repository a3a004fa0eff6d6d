"""The demo house has opening hours in every room, public events and series, and a logo."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app import i18n
from app.demo import write_demo
from app.demo_rooms_data import ROOMS
from app.paths import resources_dir


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    path: Path = tmp_path_factory.mktemp("demo_hours") / "demo.sqlite3"
    i18n.set_language("en")
    write_demo(path, seed=5)
    return sqlite3.connect(path)


def test_every_room_of_the_demo_has_its_weekly_hours(db: sqlite3.Connection) -> None:
    assert all(plan.spans for plan in ROOMS)
    rooms = db.execute("SELECT count(*) FROM rooms").fetchone()[0]
    with_hours = db.execute("SELECT count(DISTINCT room_id) FROM room_opening_hours").fetchone()[0]
    assert with_hours == rooms
    hall = db.execute(
        "SELECT weekday, opens, closes FROM room_opening_hours JOIN rooms ON rooms.id = room_id "
        "WHERE rooms.name = 'Sala Grande' ORDER BY weekday, opens"
    ).fetchall()
    assert hall[:2] == [(0, "09:00:00.000000", "13:00:00.000000"), (0, "14:00:00.000000", "23:00:00.000000")]
    assert hall[-1] == (5, "09:00:00.000000", "23:00:00.000000")


def test_some_events_and_group_series_are_public(db: sqlite3.Connection) -> None:
    public_events, private_events = db.execute(
        "SELECT sum(public), sum(NOT public) FROM bookings WHERE series_id IS NULL"
    ).fetchone()
    assert public_events > 0 and private_events > 0
    public_series = db.execute("SELECT count(*) FROM booking_series WHERE public").fetchone()[0]
    assert 0 < public_series < db.execute("SELECT count(*) FROM booking_series").fetchone()[0]
    assert db.execute("SELECT count(*) FROM booking_series WHERE public AND person_id IS NOT NULL").fetchone()[0] == 0


def test_the_demo_has_the_logo(db: sqlite3.Connection) -> None:
    data, media_type = db.execute("SELECT data, media_type FROM house_logos").fetchone()
    assert (data, media_type) == ((resources_dir() / "demo-logo.png").read_bytes(), "image/png")
