"""Two handlers pressing a button on the same case at the same moment (the concurrency tests' shared part)."""

import threading

import pytest
from django.db import connection, connections

from casework.errors import ConcurrentChangeError
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
    barrier = threading.Barrier(len(presses))
    results = [None] * len(presses)

    def press(i, case, action, user, payload):
        try:
            barrier.wait(timeout=10)
            act(case=case, action=action, acting_user=user, payload=payload)
            results[i] = "won"
        except ConcurrentChangeError as exc:
            results[i] = exc.messages[0]
        except Exception as exc:  # shown in the assertion below
            results[i] = repr(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press, args=(i, *p)) for i, p in enumerate(presses)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(r == "won" for r in results) == [False] * (len(presses) - 1) + [True], results
    return next(r for r in results if r != "won")
