"""``booking_series.last_end`` stays right through every edit of a series.

The calendar reads only the series whose ``last_end`` reaches the range asked for, so a
``last_end`` too early would hide occurrences. Whatever sequence of creates, cancels of the
following occurrences, whole-series edits and splits happens, no occurrence ends after its
series' ``last_end``, the last one ends exactly there, and an open-ended series has none.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from itertools import count

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import ValidationError
from app.services import Services
from app.services.bookings import SeriesDraft
from app.services.organisations import OrganisationDraft
from app.services.roles import Actor
from app.services.rooms import RoomDraft

FIRST = datetime(2026, 9, 1, 18)  # a Tuesday; the fixed clock says 22 November 2026
RULES = st.sampled_from(
    [
        "FREQ=WEEKLY;BYDAY=TU",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH",
        "FREQ=DAILY;INTERVAL=3",
        "FREQ=MONTHLY;BYDAY=1TU",
    ]
)
ENDS = st.one_of(
    st.none(),
    st.integers(min_value=1, max_value=40).map(lambda n: f";COUNT={n}"),
    st.integers(min_value=0, max_value=500).map(lambda d: f";UNTIL={(FIRST + timedelta(days=d)):%Y%m%dT235959}"),
)
STEPS = st.lists(
    st.tuples(
        st.sampled_from(["cancel_following", "update_series", "update_following"]),
        st.integers(min_value=0, max_value=30),  # which occurrence
        st.integers(min_value=8, max_value=21),  # a new hour
        RULES,
        ENDS,
    ),
    max_size=4,
)
_rooms = count()


@pytest.fixture
def org(services: Services, volunteer: Actor) -> int:
    return services.organisations.create(volunteer, OrganisationDraft(name="Donne in cammino")).id


def check_last_end(services: Services, actor: Actor, series_id: int) -> None:
    row = services.bookings.series(actor, series_id)
    assert row.open_ended == (row.last_end is None)
    if row.last_end is None:
        return
    window_end = row.last_end + timedelta(days=400)
    ends = [
        occurrence.end
        for occurrence in services.bookings.bookings_between(actor, row.dtstart, window_end, [row.room_id])
        if occurrence.series_id == series_id and occurrence.id is None
    ]
    assert all(end <= row.last_end for end in ends), (row.rrule, row.last_end, max(ends))
    if ends:
        assert max(ends) == row.last_end, (row.rrule, row.last_end)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rule=RULES, end=ENDS, steps=STEPS)
def test_no_occurrence_ends_after_its_series_last_end(
    services: Services,
    coordinator: Actor,
    volunteer: Actor,
    org: int,
    rule: str,
    end: str | None,
    steps: list[tuple[str, int, int, str, str | None]],
) -> None:
    room = services.rooms.create(coordinator, RoomDraft(name=f"Sala {next(_rooms)}", capacity=10))

    def draft(start: datetime, text: str) -> SeriesDraft:
        return SeriesDraft(
            room_id=room.id, dtstart=start, duration_minutes=90, rrule=text, organisation_id=org, purpose="Corso"
        )

    series_ids = [services.bookings.create_series(volunteer, draft(FIRST, rule + (end or "")))]
    check_last_end(services, volunteer, series_ids[0])
    for action, index, hour, new_rule, new_end in steps:
        series_id = series_ids[-1]
        row = services.bookings.series(volunteer, series_id)
        starts = [
            occurrence.start
            for occurrence in services.bookings.bookings_between(
                volunteer, row.dtstart, row.dtstart + timedelta(days=800), [room.id]
            )
            if occurrence.series_id == series_id and occurrence.id is None
        ]
        if not starts or row.status == "cancelled":
            break
        chosen = starts[min(index, len(starts) - 1)]
        try:
            if action == "cancel_following":
                services.bookings.cancel_following(volunteer, series_id, chosen)
            elif action == "update_series":
                services.bookings.update_series(
                    volunteer,
                    series_id,
                    draft(datetime.combine(row.dtstart.date(), time(hour)), new_rule + (new_end or "")),
                )
            else:
                new_start = datetime.combine(chosen.date(), time(hour))
                series_ids.append(
                    services.bookings.update_following(
                        volunteer, series_id, chosen, draft(new_start, new_rule + (new_end or ""))
                    )
                )
        except ValidationError:
            continue  # a rule that ends before it starts, or conflicts with the house: nothing changed
        for known in dict.fromkeys(series_ids):
            check_last_end(services, volunteer, known)


def test_each_edit_moves_last_end_where_the_last_occurrence_ends(
    services: Services, coordinator: Actor, volunteer: Actor, org: int
) -> None:
    room = services.rooms.create(coordinator, RoomDraft(name="Sala", capacity=10))

    def draft(start: datetime, text: str) -> SeriesDraft:
        return SeriesDraft(
            room_id=room.id, dtstart=start, duration_minutes=90, rrule=text, organisation_id=org, purpose="Corso"
        )

    series_id = services.bookings.create_series(volunteer, draft(FIRST, "FREQ=WEEKLY;COUNT=10"))
    assert services.bookings.series(volunteer, series_id).last_end == datetime(2026, 11, 3, 19, 30)
    services.bookings.update_series(volunteer, series_id, draft(FIRST, "FREQ=WEEKLY"))
    assert services.bookings.series(volunteer, series_id).last_end is None
    services.bookings.cancel_following(volunteer, series_id, datetime(2027, 1, 5, 18))
    assert services.bookings.series(volunteer, series_id).last_end == datetime(2026, 12, 29, 19, 30)
    new_id = services.bookings.update_following(
        volunteer, series_id, datetime(2026, 12, 1, 18), draft(datetime(2026, 12, 1, 20), "FREQ=WEEKLY;COUNT=3")
    )
    assert services.bookings.series(volunteer, series_id).last_end == datetime(2026, 11, 24, 19, 30)
    assert services.bookings.series(volunteer, new_id).last_end == datetime(2026, 12, 15, 21, 30)
