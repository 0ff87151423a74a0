import pytest
from django.db import transaction

from casework.services.numbering import number_next

pytestmark = pytest.mark.django_db(transaction=True)


def test_numbers_count_per_prefix_and_year():
    assert number_next(prefix="YY", year=2026) == "YY-2026-000001"
    assert number_next(prefix="YY", year=2026) == "YY-2026-000002"
    assert number_next(prefix="YY", year=2027) == "YY-2027-000001"
    assert number_next(prefix="XY", year=2026) == "XY-2026-000001"


def test_a_rolled_back_transaction_gives_its_number_back():
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            number_next(prefix="YY", year=2026)
            raise RuntimeError("the case failed to save")
    assert number_next(prefix="YY", year=2026) == "YY-2026-000001"


class _Rollback(Exception):
    pass


def test_concurrent_writers_on_postgresql_get_gap_free_unique_numbers():
    """Eight writers race from the year's first number (the row does not exist yet), some roll
    back: the one upsert per number leaves neither a duplicate nor a gap."""
    import threading

    from django.db import connection

    from casework.models import NumberSequence

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (set DATABASE_URL); SQLite serialises all writers anyway")
    threads_n, per_thread = 8, 5
    barrier = threading.Barrier(threads_n)
    committed, errors, lock = [], [], threading.Lock()

    def worker(i):
        try:
            barrier.wait()
            for j in range(per_thread):
                try:
                    with transaction.atomic():
                        number = number_next(prefix="YY", year=2031)
                        if (i + j) % 4 == 0:
                            raise _Rollback  # the case failed to save: its number comes back
                    with lock:
                        committed.append(number)
                except _Rollback:
                    pass
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(threads_n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    expected = sum(1 for i in range(threads_n) for j in range(per_thread) if (i + j) % 4)
    assert sorted(committed) == [f"YY-2031-{n:06d}" for n in range(1, expected + 1)]
    assert NumberSequence.objects.get(prefix="YY", year=2031).last == expected
