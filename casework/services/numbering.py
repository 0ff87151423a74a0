from django.db import connection, transaction

from casework.models import NumberSequence


def _increment_sql() -> str:
    table = connection.ops.quote_name(NumberSequence._meta.db_table)
    last = connection.ops.quote_name("last")
    # INSERT … ON CONFLICT DO UPDATE … RETURNING: the same statement on PostgreSQL and on SQLite ≥ 3.35.
    return (f"INSERT INTO {table} (prefix, year, {last}) VALUES (%s, %s, 1) "
            f"ON CONFLICT (prefix, year) DO UPDATE SET {last} = {table}.{last} + 1 RETURNING {last}")


def number_next(*, prefix: str, year: int) -> str:
    """Issue the next number "<prefix>-<year>-<6 digits>".

    Expects to run inside the transaction that stores the numbered row, so a
    rollback gives the number back.
    """
    # One statement (the year's first number creates the row): the upsert takes the row lock
    # that SELECT … FOR UPDATE took before and holds it to the end of the caller's transaction,
    # so a concurrent writer waits and then increments the committed value — no duplicate, no
    # gap. The unique constraint (prefix, year) is what ON CONFLICT names. No savepoint:
    # nothing here is caught and carried on from; alone, this opens a transaction.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(_increment_sql(), [prefix, year])
        (last,) = cursor.fetchone()
    return f"{prefix}-{year}-{last:06d}"
