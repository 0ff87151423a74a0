"""A rendering worker leases its letter; a killed worker's letter is rendered again within two minutes, once.

In these settings the task queue runs tasks in-process (HUEY immediate), so
`letter_render_pending` renders what it queues before it returns; the last
test runs real `manage.py run_huey` consumers and kills one mid-letter.
"""

import datetime
import hashlib
import logging
import subprocess
import sys
import threading
import time

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from letters import samples, services
from letters.models import Letter, LetterStatus
from letters.services import letter_issue, letter_render, letter_render_pending
from tests import processes

LEASE = datetime.timedelta(seconds=settings.LETTERS_RENDER_LEASE_SECONDS)


@pytest.fixture
def unrendered(issuer, monkeypatch):
    """Issue letters whose rendering task is lost (nothing queued on commit)."""

    def _issue(kind="acceptance_notice", context=None):
        with monkeypatch.context() as patch:
            patch.setattr(services, "_enqueue_render", lambda letter_id: None)
            letter = letter_issue(issuer=issuer, kind=kind, addressee=samples.sample_addressee(kind),
                                  context=context or samples.sample_context(kind))
        return Letter.objects.get(pk=letter.pk)

    return _issue


def a_worker_took_it(letter, *, ago: datetime.timedelta) -> datetime.datetime:
    """Another worker took the lease `ago` and has not finished (it died, or is still rendering)."""
    then = timezone.now() - ago
    assert Letter.objects.take_render_lease(pk=letter.pk, now=then, until=then + LEASE)
    return then + LEASE


def files_of(letter) -> list[str]:
    try:
        _, names = default_storage.listdir(f"letters/{letter.year}")
    except FileNotFoundError:
        return []
    return sorted(n for n in names if n.startswith(letter.verification_code))


@pytest.mark.django_db
def test_a_letter_whose_lease_ran_out_is_rendered_again_by_the_periodic_function(unrendered):
    letter = unrendered()
    a_worker_took_it(letter, ago=LEASE + datetime.timedelta(seconds=1))
    assert letter_render_pending() == 1
    letter = Letter.objects.get(pk=letter.pk)
    assert letter.status == LetterStatus.ISSUED and letter.sha256 and letter.render_lease_until is None
    assert files_of(letter) == [letter.file.name.rsplit("/", 1)[1]]
    assert letter_render_pending() == 0  # issued: nothing left to queue


@pytest.mark.django_db
def test_a_letter_whose_lease_is_live_is_left_to_its_worker(unrendered):
    letter = unrendered()
    until = a_worker_took_it(letter, ago=datetime.timedelta(seconds=20))
    assert letter_render_pending() == 0
    # Queued anyway (a duplicate task, a retry): the worker holding it renders it, not this one.
    assert letter_render(letter_id=letter.pk).status == LetterStatus.RENDERING
    letter = Letter.objects.get(pk=letter.pk)
    assert letter.sha256 == "" and letter.render_lease_until == until and files_of(letter) == []


@pytest.mark.django_db
def test_a_letter_never_leased_is_queued_again_once_older_than_a_lease(unrendered):
    letter = unrendered()
    assert letter_render_pending() == 0  # its task may still be on the way
    assert letter_render_pending(now=letter.created_at + LEASE + datetime.timedelta(seconds=1)) == 1
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.ISSUED


@pytest.mark.django_db
def test_a_file_left_by_a_worker_killed_before_recording_it_is_swept(unrendered):
    letter = unrendered()
    a_worker_took_it(letter, ago=LEASE * 2)
    left = default_storage.save(f"letters/{letter.year}/{letter.verification_code}.pdf", ContentFile(b"%PDF-half"))
    letter = letter_render(letter_id=letter.pk)
    assert letter.status == LetterStatus.ISSUED and letter.file.name != left
    assert files_of(letter) == [letter.file.name.rsplit("/", 1)[1]]
    assert services.letter_archive_intact(letter=letter)


@pytest.mark.django_db
def test_a_render_that_fails_gives_its_lease_back_for_the_retry(unrendered, monkeypatch):
    from letters import rendering

    letter = unrendered()

    def fails(doc, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(rendering, "render_pdf", fails)
    with pytest.raises(OSError):
        letter_render(letter_id=letter.pk)
    assert Letter.objects.get(pk=letter.pk).render_lease_until is None
    monkeypatch.undo()
    assert letter_render(letter_id=letter.pk).status == LetterStatus.ISSUED


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_on_one_letter_render_it_once(unrendered, caplog):
    letter = unrendered()
    start = threading.Barrier(2, timeout=30)
    results, errors = [], []

    def worker():
        try:
            start.wait()
            results.append(letter_render(letter_id=letter.pk))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    with caplog.at_level(logging.INFO, logger="letters.services"):
        threads = [threading.Thread(target=worker) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    assert errors == []
    rendered = [r for r in caplog.records if r.getMessage().startswith(f"letter {letter.number} rendered")]
    assert len(rendered) == 1
    letter = Letter.objects.get(pk=letter.pk)
    assert letter.status == LetterStatus.ISSUED
    assert files_of(letter) == [letter.file.name.rsplit("/", 1)[1]]
    assert services.letter_archive_intact(letter=letter)


# --- real consumers ---------------------------------------------------------------

ISSUE_SCRIPT = """
import django; django.setup()
from letters import samples
from letters.services import Issuer, letter_issue
context = samples.sample_context("acceptance_notice")
context["grounds"] = context["grounds"] * 60  # several pages: long enough to be caught rendering
letter = letter_issue(issuer=Issuer(key="department:99", name="长春市财政局", number_prefix="长财信"),
                      kind="acceptance_notice", addressee=samples.sample_addressee("acceptance_notice"),
                      context=context)
print(letter.pk)
"""


def _wait(condition, *, seconds: float, every: float = 0.01):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    return None


@pytest.mark.django_db(transaction=True)
def test_a_consumer_killed_while_rendering_leaves_the_letter_to_the_next_consumer(tmp_path):
    lease_seconds = 5  # short, so the test is short; the default is 60 (≤ 2 minutes in all)
    env = processes.process_env(tmp_path, LETTERS_RENDER_LEASE_SECONDS=str(lease_seconds))
    first = processes.start(["run_huey", "--workers", "1", "--no-periodic"], env, tmp_path / "first.log")
    second = None
    try:
        issued = subprocess.run([sys.executable, "-c", ISSUE_SCRIPT], cwd=processes.ROOT, env=env,
                                capture_output=True, text=True, timeout=60)
        assert issued.returncode == 0, issued.stderr
        pk = int(issued.stdout.strip().splitlines()[-1])

        def leased():
            return Letter.objects.filter(pk=pk, render_lease_until__isnull=False).values_list(
                "render_lease_until", "sha256").first()

        taken = _wait(leased, seconds=60)
        assert taken, (tmp_path / "first.log").read_text()[-2000:]
        processes.stop(first, kill=True)  # SIGKILL mid-letter: no cleanup of any kind
        killed_at = time.monotonic()
        letter = Letter.objects.get(pk=pk)
        assert letter.status == LetterStatus.RENDERING and letter.sha256 == "", "rendered before the kill"

        # The next consumer runs the periodic scheduler; its first pass comes at start-up.
        _wait(lambda: timezone.now() > letter.render_lease_until, seconds=lease_seconds + 2, every=0.1)
        second = processes.start(["run_huey", "--workers", "1"], env, tmp_path / "second.log")
        done = _wait(lambda: Letter.objects.filter(pk=pk, status=LetterStatus.ISSUED).exists(), seconds=110,
                     every=0.2)
        assert done, (tmp_path / "second.log").read_text()[-2000:]
        assert time.monotonic() - killed_at < 120
    finally:
        processes.stop(first, kill=True)
        if second is not None:
            processes.stop(second)
    letter = Letter.objects.get(pk=pk)
    folder = tmp_path / "media" / "letters" / str(letter.year)
    assert sorted(p.name for p in folder.iterdir()) == [letter.file.name.rsplit("/", 1)[1]]
    digest = hashlib.sha256((tmp_path / "media" / letter.file.name).read_bytes()).hexdigest()
    assert digest == letter.sha256
