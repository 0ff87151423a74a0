"""Rate limit of the public lookup, per client address.

DRF's SimpleRateThrottle over the default cache, as the API's anonymous and
token throttles are: the same counters store (Redis in production, shared by
every web process) and the same client address (accounts.client_address).
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from accounts.client_address import client_address


class LookupThrottle(SimpleRateThrottle):
    scope = "public_lookup"

    def get_rate(self):
        return settings.PUBLIC_LOOKUP_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_address(request) or "unknown"}


class ComplaintThrottle(LookupThrottle):
    """Complaints lodged per address: far fewer than look-ups (a person lodges one or two)."""

    scope = "public_complaint"

    def get_rate(self):
        return settings.PUBLIC_COMPLAINT_RATE


def rate_allowed(request, throttle_class=LookupThrottle) -> tuple[bool, int]:
    """Whether this address may do one more now, and if not, in how many seconds."""
    throttle = throttle_class()
    if throttle.allow_request(request, None):
        return True, 0
    return False, int(throttle.wait() or 60) + 1


def lookup_allowed(request) -> tuple[bool, int]:
    """Whether this address may look up one more case now, and if not, in how many seconds."""
    return rate_allowed(request, LookupThrottle)
