"""Printing barcode labels of tools: which labels (a sheet or the label printer's roll), from where.

The chosen tools arrive from the catalogue (several) or from a tool's editor (one). The desk picks
the layout (the presets of ``app.reports.label_layouts``) and, on a sheet, the first free label
("start at label 5" when four were peeled off already), then Print writes the PDF into the cache
folder and opens the preview, from which it is printed or saved.

The layout belongs to the computer, like the receipt paper of the cash desk: the desk PC has the
label printer, the office PC the A4 sheets. So the last one used is kept in this computer's
``desk.ini`` (the same file as the receipt paper), not in the house's database.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import paths
from app.errors import PortineriaError, ValidationError
from app.i18n import _, ngettext
from app.reports.label_layouts import PRESETS, LabelLayout, preset
from app.reports.tool_labels import LabelItem
from ui import messages
from ui.dialogs.common import show_problems
from ui.print_jobs import print_jobs_folder
from ui.printing import PdfPreviewDialog, open_preview
from ui.widgets.form import FormErrors
from ui.widgets.form_rows import HINT_STYLE, error_row

LAYOUT_KEY = "labels/layout"


def _settings() -> QSettings:
    """This computer's settings file, the one ``ui.pages.cash.receipt_output`` keeps the paper in."""
    return QSettings(str(paths.config_dir() / "desk.ini"), QSettings.Format.IniFormat)


def remembered_layout() -> LabelLayout:
    """The layout last printed on at this computer; the first preset (A4 3x8) at first."""
    value = _settings().value(LAYOUT_KEY, "")
    try:
        return preset(value) if isinstance(value, str) else PRESETS[0]
    except KeyError:
        return PRESETS[0]


def remember_layout(layout: LabelLayout) -> None:
    settings = _settings()
    settings.setValue(LAYOUT_KEY, layout.name)
    settings.sync()


def labels_folder() -> Path:
    """Where label PDFs are written: print jobs, removed after a day (the tools are the record)."""
    return print_jobs_folder("labels")


def write_labels(items: Sequence[LabelItem], layout: LabelLayout, *, start_at: int, house_name: str) -> Path:
    """Write the labels' PDF into the labels folder and return its path.

    Raises:
        ValidationError: a code cannot be printed (the message names it).
        OSError: the folder cannot be written.
    """
    from app.reports.tool_labels import write_label_sheet, write_single_label  # reportlab when needed

    folder = labels_folder()
    if len(items) == 1:
        name = _("label-{code}.pdf").format(code=items[0].code)
    else:
        name = _("labels-{count}-tools.pdf").format(count=len(items))
    path = folder / name
    if layout.is_roll and len(items) == 1:
        return write_single_label(items[0], layout, path, house_name=house_name)
    return write_label_sheet(items, layout, path, start_at=start_at, house_name=house_name)


class LabelsDialog(QDialog):
    """Layout, first free label and Print (Enter or Ctrl+P); Esc closes.

    After Print, ``path`` is the PDF written and ``preview`` the preview opened over the dialog's
    parent (the dialog itself closes as Accepted).
    """

    def __init__(self, *, items: Sequence[LabelItem], house_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = list(items)
        self._house_name = house_name
        self.path: Path | None = None
        self.preview: PdfPreviewDialog | None = None
        count = len(self.items)
        self.setWindowTitle(
            _("Label of {code}").format(code=self.items[0].code)
            if count == 1
            else _("Labels of {count} tools").format(count=count)
        )

        summary = QLabel(
            ngettext("{count} label to print: {codes}", "{count} labels to print: {codes}", count).format(
                count=count, codes=", ".join(item.code for item in self.items[:12]) + (" …" if count > 12 else "")
            )
        )
        summary.setObjectName("labels_summary")
        summary.setWordWrap(True)

        general = QLabel()
        self.errors = FormErrors(general)
        form = QFormLayout()
        self.layout_combo = QComboBox()
        self.layout_combo.setObjectName("labels_layout")
        for choice in PRESETS:
            self.layout_combo.addItem(choice.description(), choice.name)
        self.layout_combo.setToolTip(_("The sheets of labels or the label printer this computer prints on"))
        error_row(self.errors, form, _("&Labels"), self.layout_combo, "layout")

        self.start_at = QSpinBox()
        self.start_at.setObjectName("labels_start_at")
        self.start_at.setFixedWidth(self.start_at.fontMetrics().horizontalAdvance("000") + 48)
        self.start_at.setToolTip(
            _("On a sheet already used: the first free label, counted row by row from the top left")
        )
        error_row(self.errors, form, _("&Start at label"), self.start_at, "start_at")
        self.pages_hint = QLabel()
        self.pages_hint.setObjectName("labels_pages")
        self.pages_hint.setStyleSheet(HINT_STYLE)
        form.addRow("", self.pages_hint)

        print_keys = QKeySequence(QKeySequence.StandardKey.Print)
        buttons = QDialogButtonBox()
        self.print_button: QPushButton = buttons.addButton(_("&Print…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.setObjectName("print")
        self.print_button.setDefault(True)
        self.print_button.setToolTip(
            _("Write the labels and show them before printing ({shortcut})").format(
                shortcut=print_keys.toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.print_button.clicked.connect(self.print_labels)
        close = buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        QShortcut(print_keys, self).activated.connect(self.print_labels)

        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(general)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)

        self.layout_combo.currentIndexChanged.connect(self._layout_changed)
        self.start_at.valueChanged.connect(self._update_hint)
        remembered = remembered_layout()
        self.layout_combo.setCurrentIndex(max(0, self.layout_combo.findData(remembered.name)))
        self._layout_changed()
        self.setMinimumWidth(520)
        self.layout_combo.setFocus()

    def chosen_layout(self) -> LabelLayout:
        return preset(str(self.layout_combo.currentData()))

    def _layout_changed(self) -> None:
        layout = self.chosen_layout()
        self.start_at.setRange(1, layout.per_page)
        self.start_at.setEnabled(layout.per_page > 1)
        self._update_hint()

    def _update_hint(self) -> None:
        layout = self.chosen_layout()
        if layout.is_roll:
            self.pages_hint.setText(_("One label per page, as the label printer takes them."))
            return
        used = self.start_at.value() - 1 + len(self.items)
        pages = -(-used // layout.per_page)
        self.pages_hint.setText(ngettext("{count} sheet", "{count} sheets", pages).format(count=pages))

    def print_labels(self) -> None:
        """Write the PDF and open its preview; problems stay in the dialog, under their field."""
        self.errors.clear()
        layout = self.chosen_layout()
        try:
            self.path = write_labels(
                self.items, layout, start_at=self.start_at.value() - 1, house_name=self._house_name
            )
        except ValidationError as error:
            show_problems(self, self.errors, error, {"layout": self.layout_combo, "start_at": self.start_at})
            return
        except PortineriaError as error:
            messages.show_error(self, error.message)
            return
        except OSError as error:
            messages.show_error(
                self, _("The labels could not be written: {reason}").format(reason=error.strerror or error)
            )
            return
        remember_layout(layout)
        target = self.parentWidget()
        self.accept()
        self.preview = open_preview(target, self.path, self.windowTitle())
