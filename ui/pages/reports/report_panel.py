"""What the two printed reports of the Reports page share: choices, Make (Enter), progress, preview.

A panel subclass puts its own choices (the month, the week, the paper) in ``form`` and says in
``job`` what to write; this base adds the language of the print, the Make button, the progress
bar and the preview. The PDF is written off the UI thread (``worker.ReportRunner``) into a cache
folder, then opened in the print preview (``ui.printing.open_preview``), where it is printed
(Ctrl+P) or saved (Ctrl+S). Like the workshops' papers, the PDFs are print jobs removed a day later.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import LANGUAGES, _, current_language
from app.services import Services
from app.services.roles import Actor
from ui import messages
from ui.pages.reports.worker import Make, ReportRunner
from ui.print_jobs import print_jobs_folder

if TYPE_CHECKING:
    from ui.printing import PdfPreviewDialog

FOLDER_NAME = "reports"
HINT_MAX_WIDTH = 760
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def reports_folder() -> Path:
    """Where the reports' PDFs are written (a cache folder: each can be made again), old ones removed."""
    return print_jobs_folder(FOLDER_NAME)


class ReportPanel(QWidget):
    """One printed report: its choices, then Make (or Enter) writes it and shows the preview.

    ``preview`` is the preview the panel opened (window-modal, no nested event loop), or None
    once it is closed. Subclasses add their rows to ``form`` before calling ``finish_layout``.

    Signals:
        made(object): the report's PDF (a ``Path``) was written and its preview opened.
    """

    made = Signal(object)

    def __init__(self, *, services: Services, actor: Actor, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.preview: PdfPreviewDialog | None = None
        self._title = ""
        self.runner = ReportRunner(self)
        self.runner.progressed.connect(self._progressed)
        self.runner.made.connect(self._made)
        self.runner.failed.connect(self._failed)

        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.hint.setMaximumWidth(HINT_MAX_WIDTH)  # a short line is quicker to read
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.language = QComboBox()
        self.language.setObjectName("report_language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self.language.setToolTip(_("The language of the printed report; the desk stays in its own"))
        self.make_button = QPushButton(_("&Make"))
        self.make_button.setObjectName("report_make")
        self.make_button.setToolTip(_("Make the report and show it, ready to print or save (Enter)"))
        self.make_button.clicked.connect(self.make)
        self.progress = QProgressBar()
        self.progress.setObjectName("report_progress")
        self.progress.setMaximumWidth(260)
        self.progress.setRange(0, 0)
        self.progress.hide()

    def finish_layout(self) -> None:
        """Add the language row, the button and the progress bar under the subclass's rows."""
        self.form.addRow(_("&Language:"), self.language)
        buttons = QHBoxLayout()
        buttons.addWidget(self.make_button)
        buttons.addWidget(self.progress)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addSpacing(6)
        layout.addLayout(self.form)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        layout.addStretch(1)

    # -- what subclasses say -------------------------------------------------------------------------

    def job(self) -> tuple[Make, str]:
        """The work that writes the chosen report, and the preview's title."""
        raise NotImplementedError

    # -- making --------------------------------------------------------------------------------------

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def running(self) -> bool:
        return self.runner.running()

    def make(self) -> None:
        """Write the chosen report off the UI thread; the preview opens when it is ready."""
        if self.running():
            return
        work, self._title = self.job()
        self.progress.setRange(0, 0)  # busy until the first step is reported
        self.progress.show()
        self.make_button.setEnabled(False)
        self.make_button.setText(_("Making…"))
        self.runner.start(work)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter anywhere in the panel makes the report (fields pass on the Enter they do not use)."""
        if event.key() in ENTER_KEYS and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            event.accept()
            self.make()
            return
        super().keyPressEvent(event)

    def _idle(self) -> None:
        self.progress.hide()
        self.make_button.setEnabled(True)
        self.make_button.setText(_("&Make"))

    def _progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _made(self, path: Path) -> None:
        self._idle()
        # Qt's PDF modules are loaded with the first preview, not when the desk starts.
        from ui.printing import open_preview

        self.preview = open_preview(self, path, self._title)
        if self.preview is not None:
            self.preview.finished.connect(self._preview_closed)
        self.made.emit(path)

    def _preview_closed(self) -> None:
        self.preview = None
        self.make_button.setFocus()

    def _failed(self, message: str) -> None:
        self._idle()
        messages.show_error(self, message)
