import datetime
import random
import time

import pytest
from django.db import connection, transaction

from letters import samples, services
from letters.models import Letter, NumberSequence
from letters.numbering import number_allocate, number_format
from letters.services import Issuer, letter_issue
from tests.together import committed_by_racing_writers


@pytest.fixture
def no_render(monkeypatch):
    """Numbering tests need no PDFs."""
    monkeypatch.setattr(services, "_enqueue_render", lambda letter_id: None)


def _issue(issuer, kind="objection_reply", issued_on=datetime.date(2026, 10, 23)):
    return letter_issue(issuer=issuer, kind=kind, addressee="农安县人民政府",
                        context=samples.sample_context(kind), issued_on=issued_on)


def test_number_format_is_prefix_designator_year_in_brackets_and_serial():
    assert number_format(prefix="吉信", designator="异复", year=2026, serial=15) == "吉信异复〔2026〕15号"
    assert number_format(prefix="长财信", designator="异", year=2026, serial=None) == "长财信异〔2026〕\u3000\u3000号"


def test_numbers_count_up_per_issuer_family_and_year(db, issuer, no_render):
    other = Issuer(key="department:13", name="长春市发展和改革委员会", number_prefix="长发改信")
    assert _issue(issuer).number == "长财信异复〔2026〕1号"
    assert _issue(issuer).number == "长财信异复〔2026〕2号"
    # Acceptance notices are another family: their own sequence and designator.
    assert _issue(issuer, "acceptance_notice").number == "长财信异〔2026〕1号"
    assert _issue(issuer, "materials_request").number == "长财信异〔2026〕2号"
    # Another issuer counts on its own.
    assert _issue(other).number == "长发改信异复〔2026〕1号"
    # A new year starts again at 1.
    assert _issue(issuer, issued_on=datetime.date(2027, 1, 4)).number == "长财信异复〔2027〕1号"
    assert _issue(issuer).number == "长财信异复〔2026〕3号"


def test_a_rolled_back_issue_gives_its_number_back(db, issuer, no_render):
    _issue(issuer)
    with pytest.raises(RuntimeError), transaction.atomic():
        assert _issue(issuer).number == "长财信异复〔2026〕2号"
        raise RuntimeError("the case change failed")
    assert _issue(issuer).number == "长财信异复〔2026〕2号"
    assert list(Letter.objects.values_list("serial", flat=True)) == [1, 2]


def test_two_issuers_sharing_a_prefix_is_refused_not_duplicated(db, issuer, no_render):
    twin = Issuer(key="department:99", name="另一个部门", number_prefix=issuer.number_prefix)
    _issue(issuer)
    # Refused by the number's unique constraint when the row is written (no read first): the
    # failed INSERT ends the enclosing transaction, here a savepoint of its own.
    with pytest.raises(ValueError, match="is taken"), transaction.atomic():
        _issue(twin)
    assert list(Letter.objects.values_list("number", flat=True)) == ["长财信异复〔2026〕1号"]


@pytest.mark.django_db(transaction=True)
def test_allocating_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="inside the transaction"):
        number_allocate(issuer_key="department:1", family="objection_reply", year=2026)


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuing_on_postgresql_gives_gap_free_unique_numbers(issuer, no_render):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (set DATABASE_URL); SQLite serialises all writers anyway")
    threads_n, per_thread = 8, 6

    def issue_and_hold():
        letter = _issue(issuer)
        time.sleep(random.random() * 0.01)  # hold the lock a while: others must wait
        return letter.number

    committed = committed_by_racing_writers(
        issue_and_hold, writers=threads_n, writes_each=per_thread,
        rolled_back=lambda i, j: (i + j) % 5 == 0)  # the case change failed: the number must come back
    serials = sorted(Letter.objects.filter(issuer_key=issuer.key).values_list("serial", flat=True))
    assert len(committed) == len(set(committed)) == len(serials)
    assert serials == list(range(1, len(serials) + 1)), "numbers must have no gaps"
    assert NumberSequence.objects.get(issuer_key=issuer.key, family="objection_reply", year=2026).last_value == len(
        serials)
    assert len(serials) == sum(1 for i in range(threads_n) for j in range(per_thread) if (i + j) % 5)
