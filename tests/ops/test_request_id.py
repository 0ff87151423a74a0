"""Request ids: taken from a sane X-Request-ID or made up, answered, and on every log line."""

import re

import pytest

from ops.request_id import request_id_from_header

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("sent", ["abc-123_X.y", "a" * 64, "0f" * 16])
def test_a_sane_client_id_is_kept_and_answered(client, sent):
    assert client.get("/healthz", HTTP_X_REQUEST_ID=sent)["X-Request-ID"] == sent


@pytest.mark.parametrize("sent", ["a" * 65, "two words", "x\r\nSet-Cookie: a=b", "中文", "a;b", ""])
def test_anything_else_gets_a_new_uuid4_hex(sent):
    made = request_id_from_header(sent)
    assert made != sent and re.fullmatch(r"[0-9a-f]{32}", made)


def test_each_request_without_an_id_gets_its_own(client):
    first, second = (client.get("/healthz")["X-Request-ID"] for _ in range(2))
    assert first != second and re.fullmatch(r"[0-9a-f]{32}", first)


def test_a_request_is_logged_as_one_json_line_with_its_id_method_path_status_and_duration(client, json_log):
    response = client.get("/healthz?probe=1", HTTP_X_REQUEST_ID="lb-7f3a")
    [line] = [line for line in json_log() if line["logger"] == "ops.requests"]
    assert line["request_id"] == "lb-7f3a" == response["X-Request-ID"]
    assert (line["method"], line["path"], line["status"], line["level"]) == ("GET", "/healthz", 200, "INFO")
    assert line["duration_ms"] >= 0 and line["message"] == "GET /healthz 200"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+00:00", line["timestamp"])


def test_lines_outside_a_request_have_no_id(json_log):
    import logging

    logging.getLogger("casework").warning("a command's line")
    [line] = json_log()
    assert line["request_id"] is None and line["message"] == "a command's line"



def test_the_consumer_logs_in_the_configured_format_once():
    """run_huey adds its own plain handler to the "huey" logger only when that logger has none."""
    import logging.config

    from config.logging_config import logging_config

    root, huey = logging.getLogger(), logging.getLogger("huey")
    saved = [(logger, logger.handlers[:], logger.level, logger.propagate) for logger in (root, huey)]
    try:
        logging.config.dictConfig(logging_config(log_format="json", level="INFO"))
        assert [type(handler.formatter).__name__ for handler in huey.handlers] == ["JsonFormatter"]
        assert huey.propagate is False
    finally:
        for logger, handlers, level, propagate in saved:
            logger.handlers[:], logger.level, logger.propagate = handlers, level, propagate
