"""The small privacy mark shown beside a person where they are served (register, enrolments,
lending desk, the person's form): the same words everywhere, so the desk learns them at a glance.

Only what needs attention is marked: no consent, a minor whose consent no parent or guardian
gave, no photo release. A person with consent and photo release has no mark; the tooltip always
says the whole state.
"""

from __future__ import annotations

from app.i18n import _, format_date
from app.services.privacy import ConsentMark

WARNING_SIGN = "⚠"


def mark_text(mark: ConsentMark | None) -> str:
    """The short mark ("⚠ no consent"), or "" when there is nothing to watch for."""
    if mark is None:
        return ""
    if mark.minor_without_guardian_consent:
        return f"{WARNING_SIGN} " + _("minor without guardian's consent")
    if not mark.has_consent:
        return f"{WARNING_SIGN} " + _("no consent")
    if not mark.photo_release:
        return _("no photos")
    return ""


def mark_tooltip(mark: ConsentMark | None) -> str:
    """The whole privacy state in one sentence, for a tooltip."""
    if mark is None:
        return ""
    if mark.consent_date is None:
        consent = _("Privacy consent not given.")
    else:
        consent = _("Privacy consent signed on {day}.").format(day=format_date(mark.consent_date))
    photos = _("May appear in photos.") if mark.photo_release else _("Must not appear in photos or videos.")
    text = f"{consent} {photos}"
    if mark.minor_without_guardian_consent:
        text += " " + _("A minor: consent must be given by a parent or guardian.")
    return text


def with_mark(name: str, mark: ConsentMark | None) -> str:
    """``name`` followed by its mark, if any ("Rossi Anna  ·  ⚠ no consent")."""
    text = mark_text(mark)
    return f"{name}  ·  {text}" if text else name
