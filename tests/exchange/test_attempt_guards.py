"""The log of delivery attempts is append-only in the database: an attempt is completed once
(from in flight, or from interrupted when the late answer still arrives) and never rewritten or
deleted (exchange/migrations/0001_squashed_0003_attempt_guards.py)."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from exchange.models import AttemptOutcome, DeliveryAttempt

from .conftest import make_pending_report

pytestmark = pytest.mark.django_db
REFUSED = "报送记录不可修改或删除"


def raw(sql: str, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def attempt():
    return DeliveryAttempt.objects.create(report=make_pending_report(), number=1, started_at=timezone.now())


def test_an_attempt_is_completed_once_and_then_frozen(attempt):
    raw("UPDATE exchange_deliveryattempt SET outcome = %s WHERE id = %s", [AttemptOutcome.INTERRUPTED, attempt.pk])
    raw("UPDATE exchange_deliveryattempt SET outcome = %s, receipt = %s WHERE id = %s",
        [AttemptOutcome.ACKNOWLEDGED, "R-1", attempt.pk])
    with pytest.raises(IntegrityError, match=REFUSED):
        raw("UPDATE exchange_deliveryattempt SET receipt = %s WHERE id = %s", ["R-forged", attempt.pk])
    assert DeliveryAttempt.objects.get(pk=attempt.pk).receipt == "R-1"


def test_which_attempt_it_was_never_changes(attempt):
    with pytest.raises(IntegrityError, match=REFUSED):
        raw("UPDATE exchange_deliveryattempt SET number = 7 WHERE id = %s", [attempt.pk])
    assert DeliveryAttempt.objects.get(pk=attempt.pk).number == 1


def test_an_attempt_is_never_deleted(attempt):
    with pytest.raises(IntegrityError, match=REFUSED):
        raw("DELETE FROM exchange_deliveryattempt WHERE id = %s", [attempt.pk])
    assert DeliveryAttempt.objects.filter(pk=attempt.pk).exists()
