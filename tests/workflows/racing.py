"""Two handlers pressing a button on the same case at the same moment (the concurrency tests' shared part)."""

import functools

import pytest
from django.db import connection

from casework.errors import ConcurrentChangeError
from tests.together import run_together
from workflows.actions import act

# A race needs real row locks; SQLite serialises every write and cannot show one, so these tests run
# on PostgreSQL (CI's second pass).
needs_row_locks = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL (CI runs it)"),
]


def one_wins_the_race(*presses) -> str:
    """Run each `(case, action, acting_user, payload)` through `act` in its own thread, all released
    together; check exactly one went through and give back what the other was told."""
    outcomes = run_together(*(
        functools.partial(act, case=case, action=action, acting_user=user, payload=payload)
        for case, action, user, payload in presses))
    results = [_told(outcome) for outcome in outcomes]
    assert sorted(r == "won" for r in results) == [False] * (len(presses) - 1) + [True], results
    return next(r for r in results if r != "won")


def _told(outcome) -> str:
    """What a press was told: "won", the refusal of the one that lost, or an unexpected error."""
    if isinstance(outcome, ConcurrentChangeError):
        return outcome.messages[0]
    return repr(outcome) if isinstance(outcome, Exception) else "won"
