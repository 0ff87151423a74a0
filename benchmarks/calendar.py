"""Benchmark the working-day index against holidays.China().get_nth_working_day.

    .venv/bin/python benchmarks/calendar.py [--pairs 200000] [--rounds 5] [--oracle-pairs 20000] [--seed 20260928]

Draws random (start, n) pairs with starts over 2015-2026 and n from 1 to 60,
computes every due date with `holidays` and with `calendars` (one at a time
through the public `add_working_days`, then in one bulk call), checks the
answers are identical, and prints the speed-ups.

Every side is timed the same way: `--rounds` interleaved rounds (the order of
the sides turns each round), each side's best and median reported, the
speed-ups taken best against best and median against median.

Then an independent oracle, `chinese_calendar` (a separate transcription of the
State Council notices), over the years its data covers (2004-2026 for 1.11.0,
read from `chinese_calendar.constants`): every day's working status, and the due
dates of `--oracle-pairs` random pairs computed by stepping day by day with
`chinese_calendar.is_workday`, against the index's. Mismatches are printed.
Where chinese_calendar's data contradicts the notice itself (`ORACLE_ERRATA`,
each with the notice's words) the oracle is corrected and the correction printed.

The last line is `speedup_vs_holidays: <N>x`, N being the one-at-a-time
(scalar) speed-up of the medians, the smaller and fairer figure. Exits 1 if any
answer differs from `holidays`' or from the oracle's.

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
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

# Days where chinese_calendar's own data contradicts the State Council notice (checked
# against the notice's text); the oracle is corrected on these days and says so.
ORACLE_ERRATA = {
    datetime.date(2005, 12, 31): (True, "国办发明电〔2005〕35号：“12月31日（星期六）上班”；chinese_calendar 记为休息"),
}
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


def timed(fn):
    """Wall time of one call, with the garbage collector off as timeit does."""
    gc.collect()
    gc.disable()
    try:
        began = time.perf_counter()
        result = fn()
        return time.perf_counter() - began, result
    finally:
        gc.enable()


def oracle_check(*, pairs: int, seed: int, cal) -> int:
    """Compare the index with chinese_calendar over the years it covers; return the mismatches."""
    import chinese_calendar
    from chinese_calendar import constants

    known = [*constants.holidays, *constants.workdays]
    first, last = datetime.date(min(known).year, 1, 1), datetime.date(max(known).year, 12, 31)
    def is_workday(day):
        return ORACLE_ERRATA[day][0] if day in ORACLE_ERRATA else chinese_calendar.is_workday(day)

    for day, (working, why) in ORACLE_ERRATA.items():
        print(f"  oracle corrected on {day} ({'working' if working else 'off'}): {why}")
    mismatches = 0
    day = first
    while day <= last:
        if is_workday(day) != cal.is_working_day(day):
            mismatches += 1
            if mismatches <= 20:
                print(f"  day MISMATCH {day}: chinese_calendar says {'working' if not cal.is_working_day(day) else 'off'}"
                      f", calendars {cal.reason(day)}")
        day += datetime.timedelta(days=1)
    days = (last - first).days + 1
    rng = random.Random(seed)
    checked = 0
    for _ in range(pairs):
        start = first + datetime.timedelta(days=rng.randrange(days))
        n = rng.randint(1, 60)
        due, counted = start, 0
        try:
            while counted < n:
                due += datetime.timedelta(days=1)
                counted += is_workday(due)
        except NotImplementedError:
            continue  # runs past the oracle's last year: not a pair it can judge
        checked += 1
        if cal.add_working_days(start, n) != due:
            mismatches += 1
            if mismatches <= 20:
                print(f"  due MISMATCH start {start} n {n}: oracle {due}, calendars {cal.add_working_days(start, n)}")
    print(f"oracle chinese_calendar {first.year}-{last.year}: {days:,} days and {checked:,} due dates "
          f"(stepped day by day) compared; mismatches: {mismatches}")
    return mismatches


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=200_000, help="number of (start, n) pairs, at least 100000")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved timing rounds per side")
    parser.add_argument("--oracle-pairs", type=int, default=20_000)
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
        cal = current_calendar(fresh=True)
        print(f"index build (2000-2040, from the database): {(time.perf_counter() - began) * 1000:.1f} ms")

        lib = holidays.China(years=range(2015, 2029))
        lib.get_nth_working_day(starts[0], counts[0])  # populate before timing
        pairs = list(zip(starts, counts))
        start_array = np.array(starts, dtype="datetime64[D]")
        count_array = np.array(counts, dtype=np.int64)
        add_working_days(starts[0], counts[0])  # warm the scalar path too
        sides = {
            "holidays": lambda: [lib.get_nth_working_day(s, n) for s, n in pairs],
            "scalar": lambda: [add_working_days(s, n) for s, n in pairs],
            "bulk_arrays": lambda: add_working_days_bulk(start_array, count_array).tolist(),
            "bulk_lists": lambda: add_working_days_bulk(starts, counts),
        }
        times = {name: [] for name in sides}
        answers = {}
        order = list(sides)
        for r in range(args.rounds):
            for name in order if r % 2 == 0 else order[::-1]:
                seconds, answers[name] = timed(sides[name])
                times[name].append(seconds)
        expected = answers.pop("holidays")
        for name, got in answers.items():
            if got != expected:
                bad = next(i for i, (a, b) in enumerate(zip(got, expected)) if a != b)
                print(f"MISMATCH ({name}) at {pairs[bad]}: {got[bad]} != {expected[bad]}")
                return 1
        print(f"identical results: {args.pairs:,} of {args.pairs:,} on every side")
        best = {name: min(t) for name, t in times.items()}
        median = {name: statistics.median(t) for name, t in times.items()}
        print(f"timing: {args.rounds} interleaved rounds per side; load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        labels = {"holidays": "holidays.China.get_nth_working_day", "scalar": "scalar add_working_days",
                  "bulk_arrays": "bulk add_working_days_bulk (numpy arrays)",
                  "bulk_lists": "bulk add_working_days_bulk (lists of dates)"}
        for name in sides:
            line = (f"{labels[name]}: best {best[name] * 1000:.1f} ms, median {median[name] * 1000:.1f} ms, "
                    f"{args.pairs / median[name]:,.0f} due dates/s (median)")
            if name != "holidays":
                line += (f", speed-up best/best {best['holidays'] / best[name]:,.0f}x, "
                         f"median/median {median['holidays'] / median[name]:,.0f}x")
            print(line)
        scalar_speedup = median["holidays"] / median["scalar"]
        bulk_rate = args.pairs / median["bulk_arrays"]
        print(f"targets: scalar {SCALAR_TARGET}x {'met' if scalar_speedup >= SCALAR_TARGET else 'NOT met'}; "
              f"bulk {BULK_TARGET:,}/s {'met' if bulk_rate >= BULK_TARGET else 'NOT met'}")
        mismatches = oracle_check(pairs=args.oracle_pairs, seed=args.seed, cal=cal)
        print(f"speedup_vs_holidays: {scalar_speedup:.0f}x")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
