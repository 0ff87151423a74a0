"""Several threads doing database work at the same moment: the concurrency tests' shared harness.

Each thread is released by one barrier, so they really start together, and closes its own
database connections when done (a thread's connection is its own and would otherwise outlive
the test, and keep the test database from being dropped). Every wait is bounded.
"""

import functools
import threading

from django.db import connections, transaction


def run_together(*works, timeout: float = 30) -> list:
    """Call each of `works` (callables without arguments) in its own thread, all released together;
    give back, in their order, what each returned or the exception it raised."""
    barrier = threading.Barrier(len(works))
    outcomes = [None] * len(works)

    def run(i, work):
        try:
            barrier.wait(timeout=10)
            outcomes[i] = work()
        except Exception as exc:  # handed back: the test says what it expected
            outcomes[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, work)) for i, work in enumerate(works)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish in time"
    return outcomes


class _Rollback(Exception):
    pass


def committed_by_racing_writers(write, *, writers: int, writes_each: int, rolled_back,
                                timeout: float = 120) -> list:
    """`writers` threads released together each make `writes_each` writes, every one in its own
    transaction: `write()` and then, when `rolled_back(writer, write_index)` holds, a failure that rolls
    that transaction back (a case that failed to save). Gives back what the committed writes returned;
    a thread that raised anything else fails the test with the exception."""

    def writer(i):
        committed = []
        for j in range(writes_each):
            try:
                with transaction.atomic():
                    value = write()
                    if rolled_back(i, j):
                        raise _Rollback
                committed.append(value)
            except _Rollback:
                pass
        return committed

    outcomes = run_together(*(functools.partial(writer, i) for i in range(writers)), timeout=timeout)
    errors = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert not errors, errors
    return [value for committed in outcomes for value in committed]
