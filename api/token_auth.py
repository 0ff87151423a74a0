"""API token authentication: knox's, without its sweep of the caller's other tokens on every call.

knox's `TokenAuthentication` reads *all* of the user's tokens on each request to delete the
expired ones: one more query on every API call (a tenth of a lodge's time, measured with
benchmarks/lodge_profile.py), to tidy rows that cannot authenticate anyway. Here a request
checks only the token it presents (an expired one is deleted and refused, as knox does), and
the user's other expired tokens are deleted when the user next obtains a token
(`accounts.services.api_tokens_expired_delete`, called by api.auth.TokenObtainView).
"""

from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox import auth

from calendars import clock


class TokenAuthentication(auth.TokenAuthentication):
    def _cleanup_token(self, auth_token) -> bool:
        if auth_token.expiry is not None and auth_token.expiry < clock.now():
            auth_token.delete()
            return True
        return False


class TokenScheme(KnoxTokenScheme):
    """The OpenAPI schema's knoxApiToken scheme for this class too (drf-spectacular matches an
    extension to its exact class unless told otherwise)."""

    target_class = TokenAuthentication
