"""The core never imports Qt or the GUI (DESIGN.md, section 1)."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import app

APP_DIR = Path(app.__file__).parent
FORBIDDEN = ("PySide6", "shiboken6", "ui")


def test_no_module_of_app_imports_qt_or_ui() -> None:
    offenders = []
    for path in APP_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {name}" for name in names if name.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_importing_every_module_of_app_loads_no_qt() -> None:
    modules = [
        info.name
        for info in pkgutil.walk_packages([str(APP_DIR)], prefix="app.")
        if ".migrations" not in info.name and info.name != "app.__main__"
    ]
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui'))\n"
        "print(loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
    assert len(modules) > 10
