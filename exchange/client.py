"""One POST to the provincial platform, with the stdlib's http.client.

No retry here: the caller decides what an answer or a failure means. Every
socket operation is bounded by `timeout`, and the answer's body by
`MAX_ANSWER_BYTES`, so one attempt can neither hang nor fill the memory.
"""

import http.client
import socket
import urllib.parse
from dataclasses import dataclass

MAX_ANSWER_BYTES = 64 * 1024


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    signature: str | None


class Unreachable(Exception):
    """No answer: `timeout` (the platform may still have stored the report) or `connection`."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def platform_post(*, url: str, body: bytes, headers: dict, timeout: float) -> Answer:
    """POST `body` to `url`; return the answer or raise `Unreachable`."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"PLATFORM_URL is not an http(s) URL: {url!r}")
    conn_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = conn_class(parts.hostname, parts.port, timeout=timeout)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        conn.request("POST", path, body=body, headers={
            "Content-Type": "application/json; charset=utf-8", "Accept": "application/json", **headers,
        })
        response = conn.getresponse()
        data = response.read(MAX_ANSWER_BYTES + 1)
        if len(data) > MAX_ANSWER_BYTES:
            data = data[:MAX_ANSWER_BYTES]
        return Answer(status=response.status, body=data, signature=response.getheader("X-Signature"))
    except (TimeoutError, socket.timeout) as exc:
        raise Unreachable("timeout", f"超时：{timeout:g} 秒内平台未应答（{exc or 'timed out'}）") from exc
    except (ConnectionError, http.client.HTTPException, OSError) as exc:
        raise Unreachable("connection", f"连接失败：{type(exc).__name__}: {exc}") from exc
    finally:
        conn.close()
