"""Where Portineria keeps its files.

Everything lives under the user's data directory (platformdirs) unless ``PORTINERIA_HOME`` is set,
in which case every directory moves below it: tests and a portable USB install rely on that.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_SLUG = "portineria"
HOME_VARIABLE = "PORTINERIA_HOME"


def _home() -> Path | None:
    value = os.environ.get(HOME_VARIABLE, "").strip()
    return Path(value).expanduser() if value else None


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    """The directory of the database and its backups."""
    home = _home()
    if home is not None:
        return _ensure(home / "data")
    return _ensure(platformdirs.user_data_path(APP_SLUG, appauthor=False))


def config_dir() -> Path:
    home = _home()
    if home is not None:
        return _ensure(home / "config")
    return _ensure(platformdirs.user_config_path(APP_SLUG, appauthor=False))


def log_dir() -> Path:
    home = _home()
    if home is not None:
        return _ensure(home / "logs")
    return _ensure(platformdirs.user_log_path(APP_SLUG, appauthor=False))


def cache_dir() -> Path:
    """Things that can be rebuilt at any time (compiled translations)."""
    home = _home()
    if home is not None:
        return _ensure(home / "cache")
    return _ensure(platformdirs.user_cache_path(APP_SLUG, appauthor=False))


def backups_dir() -> Path:
    return _ensure(data_dir() / "backups")


def default_database() -> Path:
    return data_dir() / "portineria.sqlite3"


def demo_database() -> Path:
    """The throw-away demo house that ``portineria --demo`` recreates at every start."""
    return _ensure(data_dir() / "demo") / "casa-demo.sqlite3"


def resource_root() -> Path:
    """The folder that holds ``resources/`` and ``translations/``.

    From a source checkout or an editable install it is the project root; in a PyInstaller
    bundle it is the unpacked bundle directory.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def translations_dir() -> Path:
    return resource_root() / "translations"


def resources_dir() -> Path:
    return resource_root() / "resources"
