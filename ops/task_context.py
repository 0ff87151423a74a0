"""Carry the request id into the tasks a request queues.

`db_task_with_request_id` is huey's `db_task` for tasks that a request enqueues (usually through
`transaction.on_commit`). At enqueue time, a huey hook adds the caller's request id to the task's
kwargs; in the consumer the wrapper takes it out and sets it for the task's run, so the worker's
log lines for that task name the request that caused it. The id travels with the task's own
message: nothing is inherited from whichever process or thread happens to run it.
"""

import functools
import logging
import time

from huey.contrib.djhuey import HUEY, db_task
from huey.signals import SIGNAL_ENQUEUED

from ops.request_id import request_id_var

REQUEST_ID_KWARG = "request_id"
logger = logging.getLogger("ops.tasks")


def db_task_with_request_id(*task_args, **task_kwargs):
    """`huey.contrib.djhuey.db_task`, whose runs log start and end under the enqueuing request's id."""

    def decorator(fn):
        @functools.wraps(fn)
        def run(*args, **kwargs):
            # Always set, None when the task was queued outside a request: never the id of
            # whatever ran before on this thread (huey's immediate mode runs tasks in-process).
            token = request_id_var.set(kwargs.pop(REQUEST_ID_KWARG, None))
            start = time.monotonic()
            logger.info("task %s started", fn.__name__, extra={"task": fn.__name__})
            try:
                result = fn(*args, **kwargs)
            except Exception:
                logger.exception("task %s failed", fn.__name__, extra={"task": fn.__name__})
                raise
            else:
                logger.info("task %s done", fn.__name__, extra={
                    "task": fn.__name__, "duration_ms": round((time.monotonic() - start) * 1000, 1)})
                return result
            finally:
                request_id_var.reset(token)

        wrapper = db_task(*task_args, carries_request_id=True, **task_kwargs)(run)
        wrapper.call_local = fn
        return wrapper

    return decorator


@HUEY.signal(SIGNAL_ENQUEUED)
def _add_request_id(signal, task, *args, **kwargs):
    """Put the caller's request id into the message of a task that carries one (a retry keeps it)."""
    request_id = request_id_var.get()
    if getattr(task, "carries_request_id", False) and request_id and REQUEST_ID_KWARG not in task.kwargs:
        task.kwargs[REQUEST_ID_KWARG] = request_id
