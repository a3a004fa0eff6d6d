"""Answering the modal boxes of ``ui.messages`` in tests, without clicking them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from ui import messages


@dataclass
class Boxes:
    """What the widgets said through ``ui.messages``, and the answer ``confirm`` gives."""

    errors: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    answer: bool = True


def patch_boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    boxes = Boxes()

    def show_error(parent: Any, text: str, *, title: str | None = None) -> None:
        boxes.errors.append(text)

    def show_info(parent: Any, text: str, *, title: str | None = None) -> None:
        boxes.infos.append(text)

    def confirm(parent: Any, text: str, *, title: str | None = None, yes: str | None = None) -> bool:
        boxes.questions.append(text)
        return boxes.answer

    monkeypatch.setattr(messages, "show_error", show_error)
    monkeypatch.setattr(messages, "show_info", show_info)
    monkeypatch.setattr(messages, "confirm", confirm)
    return boxes
