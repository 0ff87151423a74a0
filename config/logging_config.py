"""The LOGGING dict, built in one place for every settings module.

`plain`: one readable line per record, for a developer's console. `json`: one JSON object per
line (python-json-logger) with timestamp, level, logger, message and request_id, plus method,
path, status and duration_ms on the request lines and task/duration_ms on the task lines, for a
log collector. Both go to stderr, where gunicorn, huey and systemd's journal pick them up.
"""


def logging_config(*, log_format: str, level: str) -> dict:
    """A dictConfig for `log_format` ("plain" or "json") with the root logger at `level`."""
    if log_format not in ("plain", "json"):
        raise ValueError(f"LOG_FORMAT must be plain or json, not {log_format!r}")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "ops.request_id.RequestIdFilter"}},
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
                "rename_fields": {"levelname": "level", "name": "logger"},
                "timestamp": True,  # ISO 8601 in UTC
            },
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": log_format, "filters": ["request_id"]},
        },
        "root": {"handlers": ["console"], "level": level},
        # run_huey adds a plain handler of its own to "huey" unless that logger already has one:
        # give it ours, so the consumer's lines are in the same format, once.
        "loggers": {"huey": {"handlers": ["console"], "level": level, "propagate": False}},
    }
