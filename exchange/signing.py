"""HMAC-SHA256 signatures of request and response bodies (`X-Signature: sha256=<hex>`).

Shared by the delivery client and the platform simulator; stdlib only.
"""

import hashlib
import hmac

HEADER = "X-Signature"
_PREFIX = "sha256="


def sign(body: bytes, secret: str) -> str:
    """The header value signing `body` with `secret`."""
    return _PREFIX + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def signature_valid(body: bytes, header: str | None, secret: str) -> bool:
    """Whether `header` is the signature of `body` under `secret` (constant-time)."""
    if not header or not header.startswith(_PREFIX):
        return False
    return hmac.compare_digest(header.strip(), sign(body, secret))
