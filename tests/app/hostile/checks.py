"""What must hold after every call: a sound database, and no rows written by a refused call."""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect, text

from app.db.engine import Database


def contents(database: Database) -> dict[str, list[Any]]:
    """Every row of every table: a refused call must change none, not only add none (a refused
    set of opening spans that replaced the room's spans keeps the count of rows)."""
    with database.engine.connect() as connection:
        names = inspect(connection).get_table_names()
        return {name: list(connection.execute(text(f'SELECT * FROM "{name}" ORDER BY rowid'))) for name in names}


def assert_sound(database: Database) -> None:
    with database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_key_check")).fetchall() == []
        assert connection.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"


def assert_typed(value: Any, path: str = "result") -> None:
    """Every field of a returned dataclass has the type it declares: a float stored in an integer
    column, or a string in a date column, reads back as what it is and fails here."""
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return
    hints = typing.get_type_hints(type(value))
    for field in dataclasses.fields(value):
        item = getattr(value, field.name)
        assert _matches(item, hints[field.name]), f"{path}.{field.name} = {item!r} is not {hints[field.name]}"
        assert_typed(item, f"{path}.{field.name}")


def _matches(value: Any, hint: Any) -> bool:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_matches(value, arm) for arm in typing.get_args(hint))
    if origin is tuple:
        arms = typing.get_args(hint)
        return isinstance(value, tuple) and all(_matches(item, arms[0]) for item in value)
    if hint is type(None):
        return value is None
    if hint is typing.Any or not isinstance(hint, type):
        return True
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is date:
        return isinstance(value, date) and not isinstance(value, datetime)
    if issubclass(hint, enum.Enum):
        return isinstance(value, hint)
    return isinstance(value, hint)
