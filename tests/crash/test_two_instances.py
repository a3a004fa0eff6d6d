"""Two copies of the program writing to one file at once, for a few seconds (issue 8, point 4).

Both write payments, bookings, loans and returns on the same six tools, three rooms and five
people, so they keep meeting: the same tool lent or taken back by both, the same hour booked by
both. Afterwards the file holds exactly what the two desks were told was saved (no lost update,
nothing saved without being acknowledged), receipts numbered without gaps, no tool lent twice,
and no half-done operation. The decision and its reasons are in ``app/instances.py``.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from tests.crash.harness import FIRST_DAY, Listener, start_writer, writer_command
from tests.crash.house import make_house
from tests.crash.verify import check_file

SECONDS = 4.0


def test_two_copies_writing_at_once_lose_nothing_and_never_lend_a_tool_twice(tmp_path: Path) -> None:
    house = make_house(tmp_path / "shared.sqlite3")
    epoch = time.time()
    desks = [
        start_writer(
            writer_command(house, seed=seed, base=FIRST_DAY, epoch=epoch, seconds=SECONDS, contended=True),
            tmp_path / "log",
        )
        for seed in (1, 2)
    ]
    listeners = [Listener(desk) for desk in desks]
    codes = [desk.wait(timeout=120) for desk in desks]
    for listener in listeners:
        listener.join()
    assert codes == [0, 0], (tmp_path / "log").read_text(encoding="utf-8")

    acks = [ack for listener in listeners for ack in listener.acks]
    findings = check_file(Path(house.path), acks)
    assert (findings.lost, findings.half_done, findings.integrity) == ([], [], "ok")
    # Each desk saved plenty while the other was saving, and they met: some lends, returns and
    # bookings were refused because the other desk had just done the same.
    assert all(len(listener.acks) >= 10 for listener in listeners)
    assert sum(listener.refused for listener in listeners) > 0

    def acked(op: str) -> set[int]:
        return {ack["id"] for ack in acks if ack["op"] == op}

    def held(sql: str) -> set[int]:
        return {row[0] for row in connection.execute(sql)}

    connection = sqlite3.connect(house.path)
    try:
        assert held("SELECT id FROM payments WHERE link_kind IS NULL") == acked("payment")
        assert held("SELECT id FROM bookings") == acked("booking")
        assert held("SELECT id FROM loans") == acked("lend")
        assert held("SELECT id FROM loans WHERE returned_at IS NOT NULL") == acked("return")
        numbers = [row[0] for row in connection.execute("SELECT number FROM receipts ORDER BY number")]
        assert numbers == list(range(1, len(numbers) + 1))
        # Every booking the two desks were both told was saved is in its room at a time of its own.
        overlapping = connection.execute(
            "SELECT count(*) FROM bookings a JOIN bookings b ON a.room_id = b.room_id AND a.id < b.id "
            "AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at"
        ).fetchone()[0]
        assert overlapping == 0
    finally:
        connection.close()
