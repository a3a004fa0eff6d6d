"""Benchmark of the receipt PDF (not part of the test run).

    .venv/bin/python tests/benchmarks/bench_receipt.py [--runs 50]

Times ``write_receipt`` on A4 and on the 80 mm roll, in Italian, after one warm-up that registers
the fonts (the first receipt of a session also pays for that, and for the CJK font the first time
a Chinese name appears: both are reported apart). The issue asks for at most 100 ms per receipt.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.reports.receipt import ReceiptDocument

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PORTINERIA_HOME", str(ROOT / ".benchmarks" / "home"))

TARGET_MS = 100.0


def documents() -> dict[str, ReceiptDocument]:
    from app.reports.receipt import ReceiptDocument, ReceiptLine
    from app.services.cash_rules import StampDuty

    base = ReceiptDocument(
        number="1234/2026",
        issued_at=datetime(2026, 11, 22, 10, 35),
        house_name="Bagni Pubblici di Via Agliè",
        house_address="Via Agliè 9, 10154 Torino",
        house_fiscal_code="97735280014",
        payer_name="Milica Đorđević",
        payer_detail="Via Cigna 14, 10152 Torino",
        lines=(ReceiptLine("Laboratorio di sartoria — quota trimestrale", 6000), ReceiptLine("Tessera 2026", 2500)),
        total_cents=8500,
        method="contanti",
        user_name="Giulia",
        stamp_duty=StampDuty.APPLIED,
    )
    return {
        "typical (Đ name, 2 lines, stamp duty)": base,
        "Arabic name, cancelled": dataclasses.replace(
            base,
            payer_name="محمد العلوي",
            cancelled=True,
            cancel_reason="importo sbagliato",
            cancelled_by="Teresa",
            cancelled_at=datetime(2026, 11, 22, 11, 2),
        ),
        "Chinese name, duplicate": dataclasses.replace(base, payer_name="王芳", duplicate=True),
    }


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm-up
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=50)
    options = parser.parse_args()

    from app.i18n import set_language
    from app.reports.receipt import write_receipt

    set_language("it")
    slowest = 0.0
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "receipt.pdf"
        cases = documents()
        first = next(iter(cases.values()))
        start = time.perf_counter()
        write_receipt(first, target)
        print(f"first receipt of the session (registers the fonts): {(time.perf_counter() - start) * 1000:.1f} ms")
        for name, document in cases.items():
            for layout in ("a4", "roll"):
                ms = median_ms(partial(write_receipt, document, target, layout=layout), options.runs)
                slowest = max(slowest, ms)
                print(f"{layout:>4}  {name}: median of {options.runs} {ms:.1f} ms")
    ok = slowest <= TARGET_MS
    print("target met" if ok else f"TARGET MISSED (at most {TARGET_MS:.0f} ms per receipt)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
