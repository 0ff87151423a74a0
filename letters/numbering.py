"""Document numbers: <prefix><designator>〔<year>〕<n>号, gap-free per sequence.

A sequence is one row per issuer key × numbering family × year. It is locked
(SELECT … FOR UPDATE) and incremented inside the issuing transaction and stays
locked until that transaction ends: a concurrent issuer of the same sequence
waits, and a rollback gives the number back. So numbers are unique and have no
gaps, provided every letter is stored in the transaction that allocated it.
"""

from django.db import transaction

from letters.models import NumberSequence


def number_format(*, prefix: str, designator: str, year: int, serial: int | None) -> str:
    """`长财信` + `异复` + 2026 + 15 → 长财信异复〔2026〕15号; serial None leaves it blank (drafts)."""
    n = "\u3000\u3000" if serial is None else serial
    return f"{prefix}{designator}〔{year}〕{n}号"


def number_allocate(*, issuer_key: str, family: str, year: int) -> int:
    """Take the next serial of a sequence. Call inside the issuing transaction.

    The row lock taken here is held until the caller's transaction commits.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("number_allocate must run inside the transaction that stores the letter")
    # Create the row if this is the sequence's first number, without raising
    # when a concurrent transaction creates it first (INSERT … ON CONFLICT DO
    # NOTHING / INSERT OR IGNORE). Writing first also takes SQLite's write lock
    # before reading, so SQLite serialises issuers instead of failing them.
    NumberSequence.objects.bulk_create(
        [NumberSequence(issuer_key=issuer_key, family=family, year=year, last_value=0)], ignore_conflicts=True
    )
    seq = NumberSequence.objects.select_for_update().get(issuer_key=issuer_key, family=family, year=year)
    seq.last_value += 1
    seq.save(update_fields=["last_value"])
    return seq.last_value
