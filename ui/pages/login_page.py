"""The login screen: who is at the desk, and their PIN."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import LoginRefused
from app.i18n import _
from app.services import Services
from app.services.roles import Actor, Role

USER_ID_ROLE = Qt.ItemDataRole.UserRole


class LoginPage(QWidget):
    """Lists the active users; the chosen one types their PIN and presses Enter.

    Signals:
        signed_in(Actor): a PIN was accepted.
    """

    signed_in = Signal(object)

    def __init__(
        self,
        *,
        services: Services,
        demo_users: Sequence[tuple[str, Role, str]] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._wait_left = 0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)

        self.house_label = QLabel()
        title_font = QFont(self.house_label.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.6)
        title_font.setBold(True)
        self.house_label.setFont(title_font)
        self.house_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.house_label.setWordWrap(True)

        question = QLabel(_("Who is at the desk?"))
        question.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.users = QListWidget()
        self.users.setObjectName("login_users")
        big = QFont(self.users.font())
        big.setPointSizeF(big.pointSizeF() * 1.3)
        self.users.setFont(big)
        self.users.setMinimumHeight(160)
        self.users.itemSelectionChanged.connect(self._user_chosen)
        self.users.itemActivated.connect(self._focus_pin)

        self.pin = QLineEdit()
        self.pin.setObjectName("login_pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(_("PIN"))
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,12}"), self.pin))
        self.pin.setFont(big)
        self.pin.returnPressed.connect(self.submit)
        self.pin.installEventFilter(self)

        self.enter = QPushButton(_("Sign in"))
        self.enter.setObjectName("login_enter")
        self.enter.setDefault(True)
        self.enter.clicked.connect(self.submit)

        self.message = QLabel()
        self.message.setObjectName("login_message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)

        pin_row = QHBoxLayout()
        pin_row.addWidget(self.pin, 1)
        pin_row.addWidget(self.enter)

        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(520)
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(24, 24, 24, 24)
        card_layout.setSpacing(12)
        card_layout.addWidget(self.house_label)
        card_layout.addWidget(question)
        card_layout.addWidget(self.users, 1)
        card_layout.addLayout(pin_row)
        card_layout.addWidget(self.message)
        if demo_users:
            card_layout.addWidget(self._demo_box(demo_users))

        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(card, 4)
        column.addStretch(1)
        outer.addLayout(column, 3)
        outer.addStretch(1)

    def _demo_box(self, demo_users: Sequence[tuple[str, Role, str]]) -> QFrame:
        box = QFrame()
        box.setObjectName("demo_users")
        box.setStyleSheet("QFrame#demo_users { background: #fff8d6; border: 1px solid #e0c96a; border-radius: 4px; }")
        grid = QGridLayout(box)
        heading = QLabel(_("Demo house: these users and PINs are only for trying the program."))
        heading.setWordWrap(True)
        grid.addWidget(heading, 0, 0, 1, 3)
        for row, (name, role, pin) in enumerate(demo_users, start=1):
            grid.addWidget(QLabel(name), row, 0)
            grid.addWidget(QLabel(role.label), row, 1)
            grid.addWidget(QLabel(pin), row, 2)
        return box

    def reload(self, *, preselect: int | None = None) -> None:
        """Refresh the house name and the users, and get ready for a PIN."""
        self.house_label.setText(self._services.house.details().name or _("Portineria"))
        self.users.clear()
        for user in self._services.accounts.users_for_login():
            item = QListWidgetItem(f"{user.name}  ·  {user.role.label}")
            item.setData(USER_ID_ROLE, user.id)
            self.users.addItem(item)
        self.pin.clear()
        self._show_message("")
        target = 0
        if preselect is not None:
            for row in range(self.users.count()):
                if self.users.item(row).data(USER_ID_ROLE) == preselect:
                    target = row
        if self.users.count():
            self.users.setCurrentRow(target)
        self.pin.setFocus()

    def select_user(self, user_id: int) -> None:
        for row in range(self.users.count()):
            if self.users.item(row).data(USER_ID_ROLE) == user_id:
                self.users.setCurrentRow(row)

    def submit(self) -> None:
        item = self.users.currentItem()
        if item is None:
            self._show_message(_("Choose your name in the list first."))
            return
        if not self.pin.text():
            self._show_message(_("Type your PIN, then press Enter."))
            self.pin.setFocus()
            return
        try:
            actor: Actor = self._services.accounts.login(int(item.data(USER_ID_ROLE)), self.pin.text())
        except LoginRefused as error:
            self.pin.clear()
            self._show_message(error.message)
            self._start_wait(error.wait_seconds)
            return
        self.pin.clear()
        self._show_message("")
        self.signed_in.emit(actor)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the PIN field choose the user, so the keyboard alone is enough."""
        if watched is self.pin and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()))
            if step is not None and self.users.count():
                row = min(max(self.users.currentRow() + step, 0), self.users.count() - 1)
                self.users.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def _focus_pin(self, _item: QListWidgetItem) -> None:
        self.pin.setFocus()

    def _user_chosen(self) -> None:
        self.pin.clear()
        self._show_message("")
        self._stop_wait()
        self.pin.setFocus()

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _start_wait(self, seconds: int) -> None:
        if seconds <= 0:
            return
        self._wait_left = seconds
        self.enter.setEnabled(False)
        self.pin.setEnabled(False)
        self._countdown.start()

    def _tick(self) -> None:
        self._wait_left -= 1
        if self._wait_left <= 0:
            self._stop_wait()
            self.pin.setFocus()

    def _stop_wait(self) -> None:
        self._countdown.stop()
        self._wait_left = 0
        self.enter.setEnabled(True)
        self.pin.setEnabled(True)
