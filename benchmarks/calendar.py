"""Benchmark the working-day index against holidays.China().get_nth_working_day.

    .venv/bin/python benchmarks/calendar.py [--pairs 200000] [--seed 20260928]

Draws random (start, n) pairs with starts over 2015-2026 and n from 1 to 60,
computes every due date with `holidays` and with `calendars` (one at a time
through the public `add_working_days`, then in one bulk call), checks the
answers are identical, and prints the speed-ups. The last line is
`speedup_vs_holidays: <N>x`, N being the one-at-a-time (scalar) speed-up,
the smaller and fairer of the two. Exits 1 if any answer differs.

Runs on its own: Django with the test settings and a throwaway SQLite
database in a temporary folder (no overrides, so both sides see the same
calendar).
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# This file is called calendar.py: keep its folder off sys.path so it does not
# shadow the standard library's `calendar` module, which Django imports.
sys.path[:] = [p for p in sys.path if Path(p or os.getcwd()).resolve() != HERE]
sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import datetime  # noqa: E402
import gc  # noqa: E402
import random  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

SCALAR_TARGET = 50
BULK_TARGET = 1_000_000


def setup_django(folder: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["CREDIT_VAR_DIR"] = folder
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/benchmark.sqlite3"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", "calendars", verbosity=0)


def best_of(runs: int, fn):
    """Best wall time of `runs` calls, with the garbage collector off as timeit does."""
    best, result = float("inf"), None
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            began = time.perf_counter()
            result = fn()
            best = min(best, time.perf_counter() - began)
        finally:
            gc.enable()
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=200_000, help="number of (start, n) pairs, at least 100000")
    parser.add_argument("--seed", type=int, default=20260928)
    args = parser.parse_args()
    if args.pairs < 100_000:
        parser.error("--pairs must be at least 100000")

    with tempfile.TemporaryDirectory(prefix="calendar-bench-") as folder:
        setup_django(folder)
        import holidays
        import numpy as np

        from calendars.arithmetic import add_working_days, add_working_days_bulk
        from calendars.current import current_calendar

        rng = random.Random(args.seed)
        first, last = datetime.date(2015, 1, 1), datetime.date(2026, 12, 31)
        span = (last - first).days + 1
        starts = [first + datetime.timedelta(days=rng.randrange(span)) for _ in range(args.pairs)]
        counts = [rng.randint(1, 60) for _ in range(args.pairs)]
        print(f"pairs: {args.pairs:,} (starts {first}..{last}, n 1..60, seed {args.seed})")

        began = time.perf_counter()
        current_calendar(fresh=True)
        print(f"index build (2000-2040, from the database): {(time.perf_counter() - began) * 1000:.1f} ms")

        lib = holidays.China(years=range(2015, 2029))
        lib.get_nth_working_day(starts[0], counts[0])  # populate before timing
        pairs = list(zip(starts, counts))
        ref_time, expected = best_of(1, lambda: [lib.get_nth_working_day(s, n) for s, n in pairs])
        ref_rate = args.pairs / ref_time
        print(f"holidays.China.get_nth_working_day: {ref_time:.2f} s, {ref_rate:,.0f} due dates/s")

        scalar_time, scalar = best_of(3, lambda: [add_working_days(s, n) for s, n in pairs])
        scalar_rate = args.pairs / scalar_time
        if scalar != expected:
            bad = next(i for i, (a, b) in enumerate(zip(scalar, expected)) if a != b)
            print(f"MISMATCH (scalar) at {pairs[bad]}: {scalar[bad]} != {expected[bad]}")
            return 1

        start_array = np.array(starts, dtype="datetime64[D]")
        count_array = np.array(counts, dtype=np.int64)
        bulk_time, bulk = best_of(5, lambda: add_working_days_bulk(start_array, count_array))
        bulk_rate = args.pairs / bulk_time
        if bulk.tolist() != expected:
            print("MISMATCH (bulk, arrays)")
            return 1
        list_time, as_list = best_of(3, lambda: add_working_days_bulk(starts, counts))
        if as_list != expected:
            print("MISMATCH (bulk, lists)")
            return 1
        list_rate = args.pairs / list_time

        print(f"identical results: {args.pairs:,} of {args.pairs:,}")
        print(
            f"scalar add_working_days: {scalar_time:.3f} s, {scalar_rate:,.0f} due dates/s, "
            f"{scalar_time / args.pairs * 1e9:.0f} ns each, speed-up {scalar_rate / ref_rate:,.0f}x "
            f"(target {SCALAR_TARGET}x: {'met' if scalar_rate / ref_rate >= SCALAR_TARGET else 'NOT met'})"
        )
        print(
            f"bulk add_working_days_bulk (numpy arrays): {bulk_time * 1000:.1f} ms, {bulk_rate:,.0f} due dates/s, "
            f"speed-up {bulk_rate / ref_rate:,.0f}x "
            f"(target {BULK_TARGET:,}/s: {'met' if bulk_rate >= BULK_TARGET else 'NOT met'})"
        )
        print(
            f"bulk add_working_days_bulk (lists of dates): {list_time * 1000:.1f} ms, {list_rate:,.0f} due dates/s, "
            f"speed-up {list_rate / ref_rate:,.0f}x"
        )
        print(f"speedup_vs_holidays: {scalar_rate / ref_rate:.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
