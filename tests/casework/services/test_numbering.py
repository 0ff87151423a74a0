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
