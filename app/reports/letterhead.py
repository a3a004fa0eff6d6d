"""The head of an A4 desk document: the house on the left, the document's title on the right.

The receipt and the cash summary open the same way, so that papers of the desk look like one set:
the house's name, address and tax code (each line only if it is filled in), the title block beside
them, and a heavy rule below.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable

from app.i18n import _
from app.reports import styles as st


def letterhead(
    name: str, address: str, fiscal_code: str, title: list[Flowable], s: st.Styles, width: float, *, gap: float
) -> list[Flowable]:
    """The head, ``width`` wide, followed by ``gap`` of space under its rule."""
    house = [st.para(name, s.heading)]
    if address.strip():
        house.append(st.para(address, s.muted))
    if fiscal_code.strip():
        house.append(st.para(_("Tax code {code}").format(code=fiscal_code), s.muted))
    return [
        st.plain_table([[house, title]], [width * 0.55, width * 0.45], ("ALIGN", (1, 0), (1, 0), "RIGHT")),
        HRFlowable(width="100%", thickness=1.2, color=st.INK, spaceBefore=5 * mm, spaceAfter=gap),
    ]
