from django.db import IntegrityError, transaction

from casework.models import NumberSequence


def number_next(*, prefix: str, year: int) -> str:
    """Issue the next number "<prefix>-<year>-<6 digits>".

    Expects to run inside the transaction that stores the numbered row, so a
    rollback gives the number back.
    """
    # No savepoint of its own (two statements per case): nothing here is caught and carried on from,
    # so a failure may as well roll back the caller's transaction; alone, this opens one.
    with transaction.atomic(savepoint=False):
        seq = NumberSequence.objects.select_for_update().filter(prefix=prefix, year=year).first()
        if seq is None:
            try:
                with transaction.atomic():
                    seq = NumberSequence.objects.create(prefix=prefix, year=year, last=0)
            except IntegrityError:
                # Another writer created the row first; lock theirs.
                seq = NumberSequence.objects.select_for_update().get(prefix=prefix, year=year)
        seq.last += 1
        seq.save(update_fields=["last"])
    return f"{prefix}-{year}-{seq.last:06d}"
