"""The message template is up to date with the code, and the catalogs load."""

from __future__ import annotations

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from app import paths

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def code_messages() -> set[str]:
    root = paths.resource_root()
    found: set[str] = set()
    for folder in ("app", "ui"):
        for _filename, _line, message, _comments, _context in extract_from_dir(
            root / folder, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_the_template_holds_every_message_of_the_code() -> None:
    with (paths.translations_dir() / "messages.pot").open("rb") as template_file:
        template = {message.id if isinstance(message.id, str) else message.id[0] for message in read_po(template_file)}
    missing = code_messages() - template
    assert sorted(missing) == [], "run the pybabel commands in translations/README.md"
