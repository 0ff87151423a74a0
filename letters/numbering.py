"""Document numbers: <prefix><designator>〔<year>〕<n>号, gap-free per sequence.

A sequence is one row per issuer key × numbering family × year. It is locked
and incremented (one upsert) inside the issuing transaction and stays
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
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("number_allocate must run inside the transaction that stores the letter")
    # One statement: the sequence's first number creates the row, every later one increments it
    # (INSERT … ON CONFLICT DO UPDATE … RETURNING, the same on PostgreSQL and SQLite ≥ 3.35). The
    # upsert takes the row lock SELECT … FOR UPDATE took before: a concurrent issuer of the same
    # sequence waits for this transaction and then increments the committed value. On SQLite the
    # write takes the database's write lock at once, so issuers are serialised, not failed.
    table = connection.ops.quote_name(NumberSequence._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (issuer_key, family, year, last_value) VALUES (%s, %s, %s, 1) "
            f"ON CONFLICT (issuer_key, family, year) DO UPDATE SET last_value = {table}.last_value + 1 "
            "RETURNING last_value",
            [issuer_key, family, year],
        )
        (serial,) = cursor.fetchone()
    return serial
