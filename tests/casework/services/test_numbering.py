import pytest
from django.db import transaction

from casework.services.numbering import number_next
from tests.together import committed_by_racing_writers

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


def test_concurrent_writers_on_postgresql_get_gap_free_unique_numbers():
    """Eight writers race from the year's first number (the row does not exist yet), some roll
    back: the one upsert per number leaves neither a duplicate nor a gap."""
    from django.db import connection

    from casework.models import NumberSequence

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (set DATABASE_URL); SQLite serialises all writers anyway")
    threads_n, per_thread = 8, 5
    committed = committed_by_racing_writers(
        lambda: number_next(prefix="YY", year=2031), writers=threads_n, writes_each=per_thread,
        rolled_back=lambda i, j: (i + j) % 4 == 0)  # the case failed to save: its number comes back
    expected = sum(1 for i in range(threads_n) for j in range(per_thread) if (i + j) % 4)
    assert sorted(committed) == [f"YY-2031-{n:06d}" for n in range(1, expected + 1)]
    assert NumberSequence.objects.get(prefix="YY", year=2031).last == expected
