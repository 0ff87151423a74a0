"""The client's address, for axes' per-address lockout.

Behind TRUSTED_PROXY_COUNT proxies that append to X-Forwarded-For (nginx's
`$proxy_add_x_forwarded_for`), the client is that many entries from the right;
the entries further left were written by the client and prove nothing. With no
proxy it is REMOTE_ADDR. DRF's throttles read the same count (NUM_PROXIES).
"""

from django.conf import settings


def client_address(request) -> str | None:
    proxies = settings.REST_FRAMEWORK.get("NUM_PROXIES") or 0
    remote = request.META.get("REMOTE_ADDR")
    if not proxies:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return remote
    return forwarded[-min(proxies, len(forwarded))]
