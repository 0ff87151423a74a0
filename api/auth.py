"""API tokens: `POST /api/v1/auth/token/` with username and password → {"token": …, "expiry": …}.

Send it as `Authorization: Token <token>`. Tokens are django-rest-knox's: they expire after
REST_KNOX["TOKEN_TTL"], only their digest is stored, `POST /api/v1/auth/logout/` deletes the
token it is sent with and `/api/v1/auth/logout-all/` every token of the user (so does logging
out of the web session, accounts.views.LogoutView). Session authentication keeps working for
the browsable API and the docs page.
"""

from drf_spectacular.utils import extend_schema, inline_serializer
from knox.views import LoginView as KnoxLoginView
from knox.views import LogoutAllView as KnoxLogoutAllView
from knox.views import LogoutView as KnoxLogoutView
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.throttling import AnonRateThrottle

from accounts.lockout import lockout_response


class TokenObtainThrottle(AnonRateThrottle):
    """Per address, stricter than other anonymous calls: each call here checks a password."""

    scope = "token"


@extend_schema(
    tags=["auth"],
    summary="用户名和密码换取 API 令牌",
    request=AuthTokenSerializer,
    responses=inline_serializer("TokenObtained", {"token": serializers.CharField(),
                                                  "expiry": serializers.DateTimeField()}),
)
class TokenObtainView(KnoxLoginView):
    # Credentials are in the body: no session (and so no CSRF check) is involved.
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [TokenObtainThrottle]

    def post(self, request, format=None):
        # DRF's serializer calls authenticate(request=…), so axes counts the attempt and refuses a
        # locked-out username or address; it flags the lockout on this request, which AxesMiddleware
        # (reading Django's request) would not see, so the lockout is answered here.
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        if not serializer.is_valid():
            if getattr(request, "axes_locked_out", False):
                return lockout_response(request)
            raise ValidationError(serializer.errors)
        request.user = serializer.validated_data["user"]
        return super().post(request, format=format)


@extend_schema(tags=["auth"], summary="注销当前 API 令牌", request=None, responses={204: None})
class TokenLogoutView(KnoxLogoutView):
    pass


@extend_schema(tags=["auth"], summary="注销本用户的全部 API 令牌", request=None, responses={204: None})
class TokenLogoutAllView(KnoxLogoutAllView):
    pass
