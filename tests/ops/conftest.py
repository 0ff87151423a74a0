import io
import json
import logging

import pytest
from pythonjsonlogger.json import JsonFormatter

from config.logging_config import logging_config


@pytest.fixture
def json_log():
    """The production log format on the root logger at INFO; returns a function giving the lines so far."""
    config = logging_config(log_format="json", level="INFO")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    formatter = config["formatters"]["json"]
    handler.setFormatter(JsonFormatter(formatter["fmt"], rename_fields=formatter["rename_fields"],
                                       timestamp=formatter["timestamp"]))
    from ops.request_id import RequestIdFilter

    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    root.setLevel(level)
