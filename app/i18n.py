"""The one translation module.

Messages are English msgids in Babel catalogs (``translations/<lang>/LC_MESSAGES/messages.po``).
The ``.po`` files are compiled when a language is first chosen (and the result cached until the
``.po`` changes), so there is no manual compile step and no stale ``.mo`` file. Import ``_``,
``N_`` and ``ngettext`` explicitly from here; nothing is installed into builtins.

Dates, times, numbers and euros are formatted by Babel for the chosen locale.
"""

from __future__ import annotations

import gettext
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from babel import Locale, dates, numbers

from app.paths import cache_dir, translations_dir

LANGUAGES: dict[str, str] = {"it": "Italiano", "en": "English"}
DEFAULT_LANGUAGE = "it"
DOMAIN = "messages"


class _State:
    language: str = DEFAULT_LANGUAGE
    translations: gettext.NullTranslations | None = None


_state = _State()


class _ThreadLanguage(threading.local):
    """A language chosen for one thread's work only, such as a print in another language."""

    language: str | None = None
    translations: gettext.NullTranslations | None = None


_thread = _ThreadLanguage()


@cache
def _load(language: str) -> gettext.NullTranslations:
    po_path = translations_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_path.exists():
        return gettext.NullTranslations()
    return gettext.GNUTranslations(io.BytesIO(_compiled(po_path, language)))


def _compiled(po_path: Path, language: str) -> bytes:
    """The ``.mo`` form of a catalog, compiled once per change of the ``.po`` and cached.

    Parsing the ``.po`` at every start costs more than the rest of the translation work, so the
    compiled bytes are kept in the cache directory, keyed by the ``.po``'s size and time.
    """
    stat = po_path.stat()
    cached = cache_dir() / f"{DOMAIN}-{language}-{stat.st_size}-{stat.st_mtime_ns}.mo"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    from babel.messages.mofile import write_mo  # only when the cache is stale
    from babel.messages.pofile import read_po

    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    data = buffer.getvalue()
    try:
        for old in cached.parent.glob(f"{DOMAIN}-{language}-*.mo"):
            old.unlink()
        partial = cached.with_suffix(".partial")
        partial.write_bytes(data)
        partial.replace(cached)
    except OSError:
        pass  # a read-only cache only costs speed
    return data


def set_language(language: str) -> None:
    """Choose the language of messages and formats for the whole program."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {sorted(LANGUAGES)}")
    _state.language = language
    _state.translations = _load(language)


def current_language() -> str:
    return _thread.language or _state.language


@contextmanager
def in_language(language: str) -> Iterator[None]:
    """Translate and format in ``language`` inside the block, on this thread only.

    A report printed in English from an Italian desk (or made on a worker thread while the desk
    goes on in Italian) must not switch the language of the windows on screen.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {sorted(LANGUAGES)}")
    before = (_thread.language, _thread.translations)
    _thread.language, _thread.translations = language, _load(language)
    try:
        yield
    finally:
        _thread.language, _thread.translations = before


def _translations() -> gettext.NullTranslations:
    if _thread.translations is not None:
        return _thread.translations
    if _state.translations is None:
        _state.translations = _load(_state.language)
    return _state.translations


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translations().gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction only; translate it with ``_`` when it is shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translations().ngettext(singular, plural, count)


def _locale() -> Locale:
    return Locale.parse(current_language())


def format_date(value: date, format: str = "medium") -> str:
    """``22 nov 2026`` in Italian, ``Nov 22, 2026`` in English (``short``, ``long``, ``full``)."""
    return dates.format_date(value, format=format, locale=_locale())


def format_time(value: time | datetime, format: str = "short") -> str:
    return dates.format_time(value, format=format, locale=_locale())


def format_datetime(value: datetime, format: str = "short") -> str:
    return dates.format_datetime(value, format=format, locale=_locale())


def format_number(value: int | float | Decimal) -> str:
    return numbers.format_decimal(value, locale=_locale())


def format_money(cents: int) -> str:
    """Integer cents as euros for the locale: ``1.234,50 €`` or ``€1,234.50``."""
    return numbers.format_currency(Decimal(cents) / 100, "EUR", locale=_locale())


def parse_money(text: str) -> int:
    """What the desk types (``12``, ``12,5``, ``€ 1.234,50``) as integer cents.

    Raises:
        ValueError: the text is not an amount; the message says how to write one.
    """
    cleaned = text.replace("€", "").replace("EUR", "").replace(" ", "").replace("\u00a0", "")
    if not cleaned:
        raise ValueError(_("Enter an amount, for example 12,50."))
    not_an_amount = ValueError(_("“{text}” is not an amount: write it like 12,50.").format(text=text))
    try:
        # Strict: a separator the locale would only use between thousands, in the wrong place, is
        # the other decimal separator ("12.50" in Italian is 12,50 €, never 1.250 €).
        amount = numbers.parse_decimal(cleaned, locale=_locale(), strict=True)
    except numbers.NumberFormatError:
        try:
            amount = Decimal(cleaned.replace(",", "."))
        except InvalidOperation:
            raise not_an_amount from None
    if not amount.is_finite():  # "inf", "nan"
        raise not_an_amount
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise ValueError(_("Amounts have at most two decimals, like 12,50."))
    return int(cents)
