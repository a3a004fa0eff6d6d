"""A certificate of participation (attestato di partecipazione) for a person in a workshop.

Data in, file out: ``participation_certificate`` reads from the services the person, the
workshop, its sessions held (the period) and the sessions and hours the person attended (the
attendance service's ``person_hours``, never recomputed here); ``write_participation_certificate``
prints it on A4 portrait in the current language: centred, a thin double frame, the house, the
person's name large, the workshop, the period, the hours, and the place, date and signature. People
take these to job centres and schools, so it is sober and says plainly what was attended.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, HRFlowable, Spacer

from app.errors import ValidationError
from app.i18n import _, format_date, ngettext
from app.reports import styles as st
from app.reports.workshop_pages import build_pdf
from app.services import Services
from app.services.roles import Actor


@dataclass(frozen=True)
class Certificate:
    """Everything the certificate prints, already read from the services."""

    house_name: str
    house_address: str
    person_name: str
    """Given name then family name, as a person signs."""
    workshop_title: str
    facilitator_name: str
    first_day: date
    last_day: date
    """The period of the workshop: its first and last sessions held (not cancelled)."""
    sessions_held: int
    sessions_attended: int
    minutes_attended: int
    issued_on: date


def participation_certificate(services: Services, actor: Actor, workshop_id: int, person_id: int) -> Certificate:
    """The certificate of a person who attended at least one session of the workshop.

    Raises:
        NotFound: the workshop or the person is gone.
        ValidationError: the person attended no session of this workshop: nothing to certify.
    """
    workshop = services.workshops.get(actor, workshop_id)
    person = services.people.get(actor, person_id)
    hours = [row for row in services.attendance.person_hours(actor, person_id) if row.workshop_id == workshop_id]
    held = services.workshop_sessions.sessions(actor, workshop_id, include_cancelled=False)
    if not hours or not held:
        raise ValidationError(
            _("{name} has not attended any session of this workshop: there is nothing to certify.").format(
                name=person.display_name
            )
        )
    (attended,) = hours
    house = services.house.details()
    return Certificate(
        house_name=house.name,
        house_address=house.address,
        person_name=f"{person.draft.given_name} {person.draft.family_name}".strip(),
        workshop_title=workshop.draft.title,
        facilitator_name=workshop.facilitator_name,
        first_day=held[0].start.date(),
        last_day=held[-1].start.date(),
        sessions_held=len(held),
        sessions_attended=attended.sessions,
        minutes_attended=attended.minutes,
        issued_on=services.clock.today(),
    )


def title(certificate: Certificate) -> str:
    return _("Certificate of participation — {name}").format(name=certificate.person_name)


def hours_in_words(minutes: int) -> str:
    """ "12 hours", "1 hour and 30 minutes", "45 minutes": how a certificate states the time."""
    hours, rest = divmod(minutes, 60)
    hour_text = ngettext("{count} hour", "{count} hours", hours).format(count=hours)
    minute_text = ngettext("{count} minute", "{count} minutes", rest).format(count=rest)
    if not hours:
        return minute_text
    if not rest:
        return hour_text
    return _("{hours} and {minutes}").format(hours=hour_text, minutes=minute_text)


def write_participation_certificate(certificate: Certificate, path: Path) -> Path:
    """Write the certificate as a one-page A4 portrait PDF at ``path``; return ``path``."""
    width = st.A4[0] - 2 * st.A4_MARGIN
    return build_pdf(
        path,
        _story(certificate, width),
        page=st.A4,
        title=title(certificate),
        author=certificate.house_name,
        decorate=_frame,
    )


def _frame(canvas: Canvas, template: BaseDocTemplate) -> None:
    """A thin double rule round the page, as on a printed diploma."""
    width, height = template.pagesize
    canvas.saveState()
    canvas.setStrokeColor(st.INK)
    canvas.setLineWidth(1.4)
    outer = 12 * mm
    canvas.rect(outer, outer, width - 2 * outer, height - 2 * outer)
    canvas.setLineWidth(0.4)
    inner = outer + 2 * mm
    canvas.rect(inner, inner, width - 2 * inner, height - 2 * inner)
    canvas.restoreState()


def _period(certificate: Certificate) -> str:
    if certificate.first_day == certificate.last_day:
        return _("held on {day}").format(day=format_date(certificate.first_day, "long"))
    return _("held from {first} to {last}").format(
        first=format_date(certificate.first_day, "long"), last=format_date(certificate.last_day, "long")
    )


def _story(certificate: Certificate, width: float) -> list[Flowable]:
    s = st.styles(12)
    big = st.styles(22)
    story: list[Flowable] = [Spacer(1, 18 * mm), st.para(certificate.house_name, s.centre_strong)]
    if certificate.house_address.strip():
        story.append(st.para(certificate.house_address, s.muted_centre))
    story += [
        Spacer(1, 24 * mm),
        st.para(_("CERTIFICATE OF PARTICIPATION"), big.centre_strong),
        HRFlowable(width="30%", thickness=0.8, color=st.INK, spaceBefore=5 * mm, spaceAfter=16 * mm),
        st.para(_("This is to certify that"), s.centre),
        Spacer(1, 6 * mm),
        st.para(certificate.person_name, big.centre_title),
        Spacer(1, 6 * mm),
        st.para(_("took part in the workshop"), s.centre),
        Spacer(1, 4 * mm),
        st.para(certificate.workshop_title, st.styles(16).centre_strong),
        Spacer(1, 4 * mm),
    ]
    period = _period(certificate)
    if certificate.facilitator_name:
        period = _("{period}, led by {facilitator},").format(period=period, facilitator=certificate.facilitator_name)
    attended = ngettext(
        "attending {count} session out of {held}",
        "attending {count} sessions out of {held}",
        certificate.sessions_attended,
    ).format(count=certificate.sessions_attended, held=certificate.sessions_held)
    story += [
        st.para(period, s.centre),
        st.para(
            _("{attended}, for a total of {hours}.").format(
                attended=attended, hours=hours_in_words(certificate.minutes_attended)
            ),
            s.centre,
        ),
        Spacer(1, 36 * mm),
    ]
    column = 70 * mm
    signature = st.plain_table(
        [[Spacer(1, 16 * mm)], [st.para(_("For {house}").format(house=certificate.house_name), s.muted_centre)]],
        [column],
        ("LINEBELOW", (0, 0), (0, 0), 0.6, st.RULE),
    )
    issued = st.para(_("Issued on {day}").format(day=format_date(certificate.issued_on, "long")), s.body)
    story.append(
        st.plain_table(
            [[issued, "", signature]],
            [column, width - 2 * column, column],
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        )
    )
    return story
