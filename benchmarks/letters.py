"""Letters benchmark: bare WeasyPrint vs the letter service, throughput on 2 processes, cold start.

    .venv/bin/python benchmarks/letters.py [--n 30] [--per-worker 60]

Renders the same objection reply (the demo data of letters/samples.py):
  - bare: WeasyPrint alone, with the same HTML, stylesheet and fonts, one
    FontConfiguration and one parsed CSS reused (what the notes measured);
  - service: `letter_issue` in a transaction, which numbers the letter and,
    on commit, renders it, hashes it and stores it (huey in immediate mode,
    so the task runs inline as a worker would run it).
Then 2 worker processes make letters side by side, once with bare WeasyPrint
(the same HTML) and once through the service, timed the same way (the same
worker count and letters per worker, from a common start signal to the last
result), in interleaved rounds (`--rounds`, the order turning each round, best
of each); both rates are printed with their ratio. Then a fresh process issues
its first letter. Uses a temporary SQLite database
and media folder; the fonts and the fontconfig cache are the project's own.
Targets (issue 5): service within 1.3x of bare, at least 600 letters a
minute on 2 cores, the first letter of a fresh process within 1.5 s.
The last line is `letters_per_minute: <N>`.
"""

import sys
from pathlib import Path

# This file's folder comes first on sys.path, and its neighbours would shadow
# the stdlib (calendar.py) and the app itself (letters.py): take it off.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse  # noqa: E402
import json  # noqa: E402
import multiprocessing  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

T_START = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup(workdir: Path) -> None:
    """Django on a scratch SQLite file and media folder, tasks inline."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.conf import settings

    django.setup()
    # test settings made an empty temporary media folder; use ours instead.
    if Path(settings.MEDIA_ROOT).is_dir() and not any(Path(settings.MEDIA_ROOT).iterdir()):
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    settings.MEDIA_ROOT = str(workdir / "media")


def _issuer(tag: str):
    from letters import samples
    from letters.services import Issuer

    return Issuer(key=f"benchmark:{tag}", name=samples.ISSUER_NAME, number_prefix=f"长财信{tag}")


def _issue_one(issuer) -> None:
    from django.db import transaction

    from letters import samples
    from letters.models import Letter
    from letters.services import letter_issue

    with transaction.atomic():
        letter = letter_issue(issuer=issuer, kind="objection_reply", addressee=samples.ADDRESSEE,
                              context=samples.sample_context("objection_reply"), cc=samples.CC)
    # The commit ran the render task inline: the letter must be archived now.
    if not Letter.objects.filter(pk=letter.pk, status="issued").exclude(sha256="").exists():
        raise SystemExit(f"letter {letter.number} was not rendered")


def _bare_renderer():
    """(bare render function, page count): WeasyPrint alone on the service's HTML, stylesheet and fonts."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    from letters import rendering, samples
    from letters.services import verify_url

    doc = rendering.LetterDocument(
        kind="objection_reply", issuer_name=samples.ISSUER_NAME, number="长财信异复〔2026〕15号",
        addressee=samples.ADDRESSEE, context=samples.sample_context("objection_reply"),
        issued_on=samples.ISSUED_ON, cc=samples.CC, verification_code="K7PX3QM9TD2A",
        verify_url=verify_url("K7PX3QM9TD2A"),
    )
    html = rendering.render_html(doc)
    font_config = FontConfiguration()
    css = weasyprint.CSS(string=rendering._css_text(), font_config=font_config)

    def bare() -> bytes:
        return weasyprint.HTML(string=html).write_pdf(stylesheets=[css], font_config=font_config,
                                                      pdf_variant=rendering.PDF_VARIANT)

    pages = len(weasyprint.HTML(string=html).render(stylesheets=[css], font_config=font_config).pages)
    return bare, pages


def _worker(workdir: str, tag: str, count: int, mode: str, ready, start, results) -> None:
    _setup(Path(workdir))
    if mode == "bare":
        bare, _ = _bare_renderer()
        one = bare
    else:
        issuer = _issuer(tag)

        def one():
            _issue_one(issuer)
    one()  # warm: fonts, stylesheet, templates
    ready.release()
    start.wait()
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(count):
        one()
    results.put((tag, count, time.perf_counter() - t0, time.process_time() - c0))


def _two_workers(workdir: Path, mode: str, per_worker: int, round_no: int) -> tuple[int, float, float]:
    """(letters, wall seconds, CPU seconds per letter) for 2 worker processes in `mode`."""
    ctx = multiprocessing.get_context("spawn")
    ready, start, results = ctx.Semaphore(0), ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(str(workdir), f"{tag}{mode[0].upper()}{round_no}", per_worker, mode,
                                               ready, start, results))
             for tag in ("W1", "W2")]
    for p in procs:
        p.start()
    for _ in procs:
        ready.acquire()
    t0 = time.perf_counter()
    start.set()
    done = [results.get(timeout=600) for _ in procs]
    wall = time.perf_counter() - t0
    for p in procs:
        p.join()
        if p.exitcode:
            raise SystemExit(f"worker failed with exit code {p.exitcode}")
    total = sum(count for _, count, _, _ in done)
    return total, wall, sum(cpu for *_, cpu in done) / total


def _first_letter(workdir: str, warm: bool) -> None:
    """In a fresh process: set up Django and issue one letter; print the seconds since start.

    With `warm`, first warm up as a huey worker does at start-up (letters.tasks),
    and time the first letter after that too.
    """
    _setup(Path(workdir))
    t_warm = time.perf_counter()
    if warm:
        from letters.tasks import letters_warm_up

        letters_warm_up()
    t0 = time.perf_counter()
    _issue_one(_issuer("F" if not warm else "G"))
    t1 = time.perf_counter()
    print(json.dumps({"since_start_s": t1 - T_START, "letter_s": t1 - t0, "warm_up_s": t0 - t_warm}))


def _fresh_process(workdir: Path, warm: bool) -> tuple[dict, float]:
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--first-letter", str(workdir)] + (["--warm"] if warm else []),
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1]), time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=30, help="letters per median")
    parser.add_argument("--per-worker", type=int, default=60, help="letters per worker process")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds of the 2-worker runs")
    parser.add_argument("--first-letter", metavar="WORKDIR", help=argparse.SUPPRESS)
    parser.add_argument("--warm", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.first_letter:
        _first_letter(args.first_letter, args.warm)
        return

    workdir = Path(tempfile.mkdtemp(prefix="letters-bench-"))
    try:
        _run(workdir, args)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _run(workdir: Path, args) -> None:
    load_before = f"{os.getloadavg()[0]:.2f}"
    _setup(workdir)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)

    import weasyprint

    from letters import fonts, rendering

    bare, pages = _bare_renderer()
    issuer = _issuer("B")
    for _ in range(3):  # warm both paths
        bare()
        _issue_one(issuer)
    bare_times, service_times = [], []
    for _ in range(args.n):  # interleaved, so drift hits both alike
        t0 = time.perf_counter()
        bare()
        bare_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        _issue_one(issuer)
        service_times.append(time.perf_counter() - t0)
    bare_median = statistics.median(bare_times)
    service_median = statistics.median(service_times)

    # Two worker processes, each its own fonts and stylesheet, one database: bare
    # WeasyPrint and the service timed alike, rounds interleaved, best of each.
    runs = {"bare": [], "service": []}
    for r in range(args.rounds):
        for mode in ("bare", "service") if r % 2 == 0 else ("service", "bare"):
            runs[mode].append(_two_workers(workdir, mode, args.per_worker, r))
    rate = {mode: max(total / wall * 60 for total, wall, _ in got) for mode, got in runs.items()}
    cpu = {mode: min(c for *_, c in got) for mode, got in runs.items()}
    total = runs["service"][0][0]
    per_minute = rate["service"]

    # A fresh process: interpreter, Django, WeasyPrint, fonts, first letter;
    # then one that warms up first, as a huey worker does when it starts.
    cold, cold_wall = _fresh_process(workdir, warm=False)
    warm, _ = _fresh_process(workdir, warm=True)

    path = rendering.subsetting_path()
    font_note = f"Fandol from {fonts.font_dir()}" if fonts.fandol_available() else "Noto CJK only (no Fandol)"
    print(f"letters benchmark: objection reply, {pages} pages, PDF/A-3b, WeasyPrint {weasyprint.__version__}, "
          f"{os.cpu_count()} cores")
    print(f"font subsetting: {path}" + (" (libharfbuzz-subset)" if path == "harfbuzz" else
                                        " (slow: install Debian's libharfbuzz-subset0)"))
    print(f"fonts: {font_note}")
    print(f"bare WeasyPrint:  median {bare_median * 1000:.0f} ms/letter over {args.n}")
    print(f"letter service:   median {service_median * 1000:.0f} ms/letter over {args.n} "
          f"(number, render, hash, store)")
    print(f"ratio service/bare: {service_median / bare_median:.2f} (target <= 1.3)")
    for mode, label in (("bare", "bare WeasyPrint"), ("service", "letter service")):
        print(f"2 worker processes, {label:>15}: {rate[mode]:,.0f} letters per minute (best of {args.rounds} "
              f"rounds of {total} letters); {cpu[mode] * 1000:.0f} ms CPU per letter, i.e. "
              f"{2 * 60 / cpu[mode]:.0f} per minute on two otherwise idle cores")
    print(f"2 workers, service/bare letters per minute: {rate['service'] / rate['bare']:.2f} "
          f"(service target >= 600 per minute)")
    print(f"load average while measuring: {load_before} -> {os.getloadavg()[0]:.2f}")
    print(f"first letter of a fresh process: {cold['since_start_s']:.2f} s from the start of the script "
          f"({cold_wall:.2f} s with interpreter start-up and exit; target <= 1.5 s)")
    print(f"first letter of a fresh worker after its start-up warm-up ({warm['warm_up_s']:.2f} s): "
          f"{warm['letter_s'] * 1000:.0f} ms")
    print(f"letters_per_minute: {per_minute:.0f}")


if __name__ == "__main__":
    main()
