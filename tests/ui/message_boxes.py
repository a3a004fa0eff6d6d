"""Answering the modal boxes of ``ui.messages`` in tests, without clicking them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from ui import messages


@dataclass
class Boxes:
    """What the widgets said through ``ui.messages``, and the answers ``confirm`` and the file
    choosers give (``file_to_open`` / ``file_to_save``: None means the person cancels)."""

    errors: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    answer: bool = True
    file_to_open: Path | None = None
    file_to_save: Path | None = None
    suggested_paths: list[Path] = field(default_factory=list)
    """The paths the save choosers offered, in order."""


def patch_boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    boxes = Boxes()

    def show_error(parent: Any, text: str, *, title: str | None = None) -> None:
        boxes.errors.append(text)

    def show_info(parent: Any, text: str, *, title: str | None = None) -> None:
        boxes.infos.append(text)

    def confirm(parent: Any, text: str, *, title: str | None = None, yes: str | None = None) -> bool:
        boxes.questions.append(text)
        return boxes.answer

    def choose_file_to_open(parent: Any, *, title: str, directory: Path, file_filter: str) -> Path | None:
        return boxes.file_to_open

    def choose_file_to_save(parent: Any, *, title: str, suggested: Path, file_filter: str) -> Path | None:
        boxes.suggested_paths.append(suggested)
        return boxes.file_to_save

    monkeypatch.setattr(messages, "show_error", show_error)
    monkeypatch.setattr(messages, "show_info", show_info)
    monkeypatch.setattr(messages, "confirm", confirm)
    monkeypatch.setattr(messages, "choose_file_to_open", choose_file_to_open)
    monkeypatch.setattr(messages, "choose_file_to_save", choose_file_to_save)
    return boxes
