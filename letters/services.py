"""Every write to letters: issue, render, void, mark downloaded; and the draft preview.

`letters` knows no case model. Callers pass an `Issuer` (plain data about the
issuing department), a kind, an addressee, a JSON-able context (keys per kind:
`letters.kinds`) and, optionally, the object the letter is `about` (any model
instance with an integer pk, kept as a generic relation).
"""

import datetime
import hashlib
import logging
import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from calendars import clock
from letters.codes import code_new
from letters.errors import LetterError
from letters.kinds import context_validate, kind_spec
from letters.models import Letter, LetterStatus
from letters.numbering import number_allocate, number_format

logger = logging.getLogger(__name__)

@dataclass(frozen=True)
class Issuer:
    """Who issues a letter.

    key: owns the numbering sequences (e.g. "department:12"); keep it stable.
    name: printed in red at the top and in the signature.
    number_prefix: the department's designator, e.g. 长财信 (the kind's family
      adds its own: 长财信 + 异复 → 长财信异复〔2026〕15号).
    seal_path: a PNG of the seal on the file system, or `storage:<name>` for one in the
      default storage (object storage has no paths; `seal_reference` gives the right one), or None.
    """

    key: str
    name: str
    number_prefix: str
    seal_path: str | None = None


SEAL_IN_STORAGE = "storage:"


def seal_reference(field_file) -> str | None:
    """What `Issuer.seal_path` should hold for an uploaded seal (an ImageField's file)."""
    if not field_file:
        return None
    if isinstance(field_file.storage, FileSystemStorage):
        return field_file.path
    return SEAL_IN_STORAGE + field_file.name


def _seal_exists(seal_path: str) -> bool:
    if seal_path.startswith(SEAL_IN_STORAGE):
        return default_storage.exists(seal_path.removeprefix(SEAL_IN_STORAGE))
    return Path(seal_path).is_file()


def _seal_local_file(seal_path: str | None) -> str | None:
    """A file-system path WeasyPrint can read: a seal in object storage is copied to this
    machine once (seal uploads never overwrite a name, so the copy cannot go stale)."""
    if not seal_path or not seal_path.startswith(SEAL_IN_STORAGE):
        return seal_path
    name = seal_path.removeprefix(SEAL_IN_STORAGE)
    local = Path(settings.VAR_DIR) / "seal-cache" / name
    if not local.is_file():
        local.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source:
            data = source.read()
        partial_file = local.with_suffix(f".{os.getpid()}.part")
        partial_file.write_bytes(data)
        partial_file.replace(local)  # atomic: another worker never reads half a seal
    return str(local)


# Where config/urls.py mounts letters.urls, plus the verify pattern. Not
# reverse(): that would import every view of the project into each worker
# (0.7 s before its first letter). tests/letters check reverse() agrees.
VERIFY_PATH = "/letters/verify/"


def verify_url(code: str) -> str:
    """The public address of a letter's verification page, as printed in its QR code."""
    return settings.LETTERS_PUBLIC_BASE_URL.rstrip("/") + VERIFY_PATH + code


def _check_issuer(issuer: Issuer) -> None:
    if not isinstance(issuer, Issuer):
        raise ValueError(f"issuer must be a letters.services.Issuer, got {type(issuer).__name__}")
    for name in ("key", "name", "number_prefix"):
        if not str(getattr(issuer, name) or "").strip():
            raise ValueError(f"Issuer.{name} must not be empty")
    if issuer.seal_path and not _seal_exists(issuer.seal_path):
        raise ValueError(f"Issuer.seal_path {issuer.seal_path!r} is not a file")


def _clean_addressee(addressee: str) -> str:
    if not isinstance(addressee, str) or not addressee.strip():
        raise ValueError("addressee must be a non-empty string")
    return addressee.strip()


def _clean_cc(cc) -> list[str]:
    if isinstance(cc, str):
        raise ValueError("cc must be a list of names, not a string")
    return [str(c).strip() for c in (cc or ()) if str(c).strip()]


def _document(letter: Letter, *, draft: bool = False):
    from letters.rendering import LetterDocument

    return LetterDocument(
        kind=letter.kind,
        issuer_name=letter.issuer_name,
        number=letter.number,
        addressee=letter.addressee,
        context=letter.context,
        issued_on=letter.issued_on,
        cc=tuple(letter.cc),
        seal_path=_seal_local_file(letter.issuer_seal_path or None),
        verification_code=letter.verification_code,
        verify_url=verify_url(letter.verification_code),
        draft=draft,
        created_at=letter.created_at,
    )


def _enqueue_render(letter_id: int) -> None:
    from letters.tasks import letter_render_task

    letter_render_task(letter_id)


def letter_issue(
    *,
    issuer: Issuer,
    kind: str,
    addressee: str,
    context: dict,
    about=None,
    acting_user=None,
    cc=(),
    issued_on: datetime.date | None = None,
    replaces: Letter | None = None,
) -> Letter:
    """Number and store a letter; its PDF is rendered after the transaction commits.

    Call inside the caller's transaction (the case change the letter belongs
    to). The document number is allocated here under a row lock on its
    sequence, held until that transaction ends, so a rollback gives the number
    back and no two letters share one. The letter's status is "rendering"
    until the background worker has stored the PDF and its SHA-256 ("issued").

    `replaces`: a voided letter this one replaces (it keeps its own number).
    Raises ValueError for programming errors (unknown kind, a missing context
    key, an empty addressee).
    """
    spec = kind_spec(kind)
    clean_context = context_validate(kind=kind, context=context)
    _check_issuer(issuer)
    addressee = _clean_addressee(addressee)
    cc = _clean_cc(cc)
    issued_on = issued_on or clock.today()
    content_type = object_id = None
    if about is not None:
        if not isinstance(about.pk, int):
            raise ValueError("about must be a saved model instance with an integer pk")
        content_type = ContentType.objects.get_for_model(about)
        object_id = about.pk

    # A savepoint only where an error is raised on purpose and may be caught by the caller (the
    # replaced letter's checks); otherwise nothing here is caught and carried on from, and a failed
    # statement ends the caller's transaction as it should (two statements fewer per letter).
    with transaction.atomic(savepoint=replaces is not None):
        if replaces is not None:
            replaces = Letter.objects.select_for_update().get(pk=replaces.pk)
            if replaces.status != LetterStatus.VOID:
                raise LetterError(f"只能替代已作废的函件，{replaces.number}尚未作废。")
            if Letter.objects.filter(replaces=replaces).exists():
                raise LetterError(f"{replaces.number}已有替代函件。")
        serial = number_allocate(issuer_key=issuer.key, family=spec.family, year=issued_on.year)
        number = number_format(prefix=issuer.number_prefix, designator=spec.designator, year=issued_on.year,
                               serial=serial)
        # Neither the number nor the verification code is looked up first: their unique
        # constraints refuse a duplicate when the row is written (see _save_unique).
        code = code_new()
        letter = Letter(
            kind=kind,
            status=LetterStatus.RENDERING,
            issuer_key=issuer.key,
            issuer_name=issuer.name,
            issuer_seal_path=str(issuer.seal_path or ""),
            family=spec.family,
            year=issued_on.year,
            serial=serial,
            number=number,
            issued_on=issued_on,
            addressee=addressee,
            cc=cc,
            context=clean_context,
            verification_code=code,
            content_type=content_type,
            object_id=object_id,
            replaces=replaces,
            issued_by=acting_user,
        )
        _save_unique(letter, issuer)
        transaction.on_commit(partial(_enqueue_render, letter.pk))
    return letter


def _save_unique(letter: Letter, issuer: Issuer) -> None:
    """Insert `letter`; a taken document number is a configuration error, said as one.

    The number is taken only when two issuer keys share a prefix (each sequence is gap-free and
    locked). A taken verification code (60 random bits) practically never happens; it fails the
    issuing transaction like any other integrity error, and the caller may try again.
    """
    try:
        letter.save()
    except IntegrityError as exc:
        message = str(exc)
        # SQLite names the column ("letters_letter.number"), PostgreSQL the key ("(number)=").
        if "letters_letter.number" in message or "(number)=" in message:
            raise ValueError(f"document number {letter.number} is taken: another issuer uses prefix "
                             f"{issuer.number_prefix!r}") from exc
        raise


def letter_draft_pdf(
    *,
    issuer: Issuer,
    kind: str,
    addressee: str,
    context: dict,
    cc=(),
    issued_on: datetime.date | None = None,
) -> bytes:
    """Render a preview: watermarked 草稿, no number, no verification code; nothing is stored."""
    from letters.rendering import LetterDocument, render_pdf

    spec = kind_spec(kind)
    clean_context = context_validate(kind=kind, context=context)
    _check_issuer(issuer)
    issued_on = issued_on or clock.today()
    doc = LetterDocument(
        kind=kind,
        issuer_name=issuer.name,
        number=number_format(prefix=issuer.number_prefix, designator=spec.designator, year=issued_on.year,
                             serial=None),
        addressee=_clean_addressee(addressee),
        context=clean_context,
        issued_on=issued_on,
        cc=tuple(_clean_cc(cc)),
        seal_path=None,  # a draft carries no seal
        draft=True,
    )
    return render_pdf(doc).content


def _store_read_only(name: str) -> None:
    # On the local file system, make the archived file read-only as well. Object storage has no
    # path (S3Storage.path raises NotImplementedError): there the bucket's policy and versioning
    # keep the archive.
    if not isinstance(default_storage, FileSystemStorage):  # the lazy proxy passes isinstance on
        return
    try:
        os.chmod(default_storage.path(name), 0o444)
    except (NotImplementedError, OSError):
        pass


def _lease_length() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.LETTERS_RENDER_LEASE_SECONDS)


def _sweep_leftovers(letter: Letter, kept: str) -> None:
    """Delete this letter's other files: those of a worker killed between storing and recording.

    Called once the PDF is recorded, when no other file of the letter can be
    recorded any more; a slower worker still rendering deletes its own file.
    The folder holds a year's letters, so it is listed only when the storage
    had to give the PDF another name than its own: then a leftover holds it.
    """
    folder, _, kept_name = kept.rpartition("/")
    if kept_name == f"{letter.verification_code}.pdf":
        return
    try:
        _, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        return
    code = letter.verification_code
    for name in files:
        if name != kept_name and (name == f"{code}.pdf" or (name.startswith(f"{code}_") and name.endswith(".pdf"))):
            default_storage.delete(f"{folder}/{name}")
            logger.warning("letter %s: deleted %s, left by a worker that stopped before recording it",
                           letter.number, name)


def letter_render(*, letter_id: int, now: datetime.datetime | None = None) -> Letter:
    """Render and archive a numbered letter's PDF (the background task's body).

    Idempotent: a letter that already has its PDF is left as it is. The worker
    first takes the letter's lease (a conditional UPDATE, so one worker at a
    time renders it); a letter whose lease another worker holds is left to
    that worker, and if it dies the lease runs out and `letter_render_pending`
    queues the letter again. Rendering holds no transaction; the PDF is
    recorded by one conditional UPDATE, so should two workers still both
    render (the first outlived its lease) the second changes nothing and
    throws its own file away.
    """
    from letters.rendering import render_pdf

    letter = Letter.objects.get(pk=letter_id)
    if letter.sha256:
        return letter
    if letter.issuer_seal_path and not _seal_exists(letter.issuer_seal_path):
        # Never issue without the seal it was meant to carry: fail, and retry later.
        raise FileNotFoundError(f"seal of {letter.number} missing: {letter.issuer_seal_path}")
    lease_until = None
    if letter.status == LetterStatus.RENDERING:  # a letter voided before rendering is rendered unleased
        now = now or timezone.now()  # wall clock: a lease times real workers, not a legal date
        lease_until = now + _lease_length()
        if not Letter.objects.take_render_lease(pk=letter_id, now=now, until=lease_until):
            logger.info("letter %s: another worker is rendering it", letter.number)
            return Letter.objects.get(pk=letter_id)
    try:
        pdf = render_pdf(_document(letter))
        digest = hashlib.sha256(pdf.content).hexdigest()
        name = default_storage.save(f"letters/{letter.year}/{letter.verification_code}.pdf",
                                    ContentFile(pdf.content))
    except BaseException:
        if lease_until is not None:  # let the task's retry (or another worker) have it at once
            Letter.objects.release_render_lease(pk=letter_id, until=lease_until)
        raise
    if not Letter.objects.record_pdf(pk=letter_id, name=name, sha256=digest, page_count=pdf.page_count,
                                     rendered_at=timezone.now()):  # wall clock: when the worker rendered it
        default_storage.delete(name)  # another worker archived it first
        return Letter.objects.get(pk=letter_id)
    _store_read_only(name)
    _sweep_leftovers(letter, name)
    logger.info("letter %s rendered: %s pages, sha256 %s", letter.number, pdf.page_count, digest)
    return Letter.objects.get(pk=letter_id)


def letter_render_pending(*, now: datetime.datetime | None = None,
                          older_than: datetime.timedelta | None = None) -> int:
    """Queue the rendering again for letters without a PDF whose worker is gone.

    That is a letter whose lease ran out (its worker was killed or hangs), or
    one never leased and older than `older_than` (default: one lease; its
    task was lost). A letter whose lease is live is left to its worker. Run every
    minute, so a killed worker's letter is rendered again within two minutes.
    Returns how many were queued; rendering is idempotent and leased, so a
    duplicate in the queue costs one read.
    """
    now = now or timezone.now()  # wall clock: leases and created_at are real time
    abandoned = models.Q(render_lease_until__lte=now) | models.Q(
        render_lease_until__isnull=True, created_at__lt=now - (older_than or _lease_length()))
    ids = list(Letter.objects.filter(abandoned, sha256="").values_list("pk", flat=True))
    for pk in ids:
        _enqueue_render(pk)
    return len(ids)


def letter_void(*, letter: Letter, reason: str, acting_user=None, when: datetime.datetime | None = None) -> Letter:
    """Void an issued letter. It keeps its number and its PDF; the reason is recorded.

    Returns the updated letter (the instance passed in is refreshed too).
    A replacement is issued with `letter_issue(..., replaces=letter)` and gets a new number.
    """
    reason = (reason or "").strip()
    if not reason:
        raise LetterError("作废函件须说明理由。")
    with transaction.atomic():
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        if locked.status == LetterStatus.VOID:
            raise LetterError(f"{locked.number}已作废。")
        locked.status = LetterStatus.VOID
        locked.voided_at = when or clock.now()
        locked.voided_by = acting_user
        locked.void_reason = reason
        locked.save(update_fields=["status", "voided_at", "voided_by", "void_reason"])
    letter.refresh_from_db()
    letter._snapshot = letter._values()
    return locked


def letter_mark_downloaded(*, letter: Letter, when: datetime.datetime | None = None) -> bool:
    """Record the first download by its addressee; later calls change nothing.

    Returns True when this call recorded it; `letter` is refreshed either way.
    """
    recorded = Letter.objects.record_first_download(pk=letter.pk, when=when or clock.now())
    letter.first_downloaded_at = Letter.objects.values_list("first_downloaded_at", flat=True).get(pk=letter.pk)
    if hasattr(letter, "_snapshot"):
        letter._snapshot["first_downloaded_at"] = letter.first_downloaded_at
    return recorded


def letter_archive_intact(*, letter: Letter) -> bool:
    """Whether the stored PDF still hashes to the SHA-256 recorded at issue."""
    if not letter.is_available:
        return False
    digest = hashlib.sha256()
    with letter.file.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest() == letter.sha256
