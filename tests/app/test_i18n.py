"""Translations are loaded from the .po files and formats follow the locale."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app import i18n, paths
from app.i18n import _, format_date, format_money, ngettext, parse_money, set_language


def test_italian_is_the_default_and_messages_are_translated() -> None:
    set_language("it")
    assert _("People") == "Persone"
    assert ngettext("{count} person", "{count} people", 1).format(count=1) == "1 persona"
    assert ngettext("{count} person", "{count} people", 3).format(count=3) == "3 persone"


def test_english_uses_the_msgids() -> None:
    set_language("en")
    assert _("People") == "People"


def test_dates_and_money_follow_the_locale() -> None:
    set_language("it")
    assert format_date(date(2026, 3, 1), "long") == "1 marzo 2026"
    assert format_money(123450) == "1.234,50\xa0€"
    set_language("en")
    assert format_date(date(2026, 3, 1), "long") == "March 1, 2026"
    assert format_money(123450) == "€1,234.50"
    assert i18n.format_datetime(datetime(2026, 3, 1, 18, 0)).endswith("6:00\u202fPM")


@pytest.mark.parametrize(
    ("text", "cents"),
    [("12", 1200), ("12,5", 1250), ("€ 1.234,50", 123450), ("0,05", 5), ("12.50", 1250), ("12.5", 1250)],
)
def test_amounts_typed_in_italian(text: str, cents: int) -> None:
    """A dot where only a decimal separator makes sense (the numeric keypad's key) is one."""
    set_language("it")
    assert parse_money(text) == cents


@pytest.mark.parametrize(("text", "cents"), [("12.50", 1250), ("12,50", 1250), ("1,234.50", 123450)])
def test_amounts_typed_in_english(text: str, cents: int) -> None:
    set_language("en")
    assert parse_money(text) == cents


@pytest.mark.parametrize("text", ["", "dodici", "1,234", "inf", "nan", "1,234.50"])
def test_bad_amounts_say_how_to_write_one(text: str) -> None:
    set_language("it")
    with pytest.raises(ValueError, match="12,50"):
        parse_money(text)


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        set_language("xx")


def test_the_italian_catalog_translates_every_message() -> None:
    """Italian is the first language: no message of the template may be left untranslated."""
    with (paths.translations_dir() / "messages.pot").open("rb") as template_file:
        template = read_po(template_file)
    with (paths.translations_dir() / "it" / "LC_MESSAGES" / "messages.po").open("rb") as italian_file:
        italian = read_po(italian_file, locale="it")
    missing = []
    for message in template:
        if not message.id:
            continue
        translated = italian.get(message.id)
        strings = translated.string if translated is not None else None
        values = strings if isinstance(strings, tuple | list) else (strings,)
        if translated is None or translated.fuzzy or not all(values):
            missing.append(message.id)
    assert missing == []


def test_the_english_catalog_says_exactly_the_msgids() -> None:
    """The msgids are the English texts: an English msgstr can only differ by mistake (two once
    held Italian, so an English desk showed the payer's hint in Italian)."""
    with (paths.translations_dir() / "en" / "LC_MESSAGES" / "messages.po").open("rb") as english_file:
        english = read_po(english_file, locale="en")
    different = []
    for message in english:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if any(string and string not in ids for string in strings):
            different.append(message.id)
    assert different == []


def test_a_changed_catalog_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled cache follows the .po: an edited translation shows at the next start."""
    folder = tmp_path / "translations" / "it" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "messages.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: it\\n"\n\nmsgid "People"\nmsgstr "Persone"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path / "translations")
    i18n._load.cache_clear()
    try:
        set_language("it")
        assert _("People") == "Persone"
        po.write_text('msgid ""\nmsgstr ""\n"Language: it\\n"\n\nmsgid "People"\nmsgstr "Gente"\n', encoding="utf-8")
        i18n._load.cache_clear()
        set_language("it")
        assert _("People") == "Gente"
        assert len(list(paths.cache_dir().glob("messages-it-*.mo"))) == 1
    finally:
        i18n._load.cache_clear()


def test_in_language_changes_only_this_thread_and_only_inside_the_block() -> None:
    import threading

    from app.i18n import _, current_language, format_money, in_language, set_language

    set_language("it")
    seen: list[str] = []

    def other_thread() -> None:
        seen.append(_("Today"))

    with in_language("en"):
        assert current_language() == "en"
        assert _("Today") == "Today"
        assert format_money(123450) == "€1,234.50"
        worker = threading.Thread(target=other_thread)
        worker.start()
        worker.join()
    assert seen == ["Oggi"]
    assert current_language() == "it"
    assert _("Today") == "Oggi"
    assert format_money(123450) == "1.234,50\xa0€"
