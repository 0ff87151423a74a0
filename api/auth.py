"""API tokens: `POST /api/v1/auth/token/` with username and password → {"token": …, "expiry": …}.

Send it as `Authorization: Token <token>`. Tokens are django-rest-knox's: they expire after
REST_KNOX["TOKEN_TTL"], only their digest is stored, `POST /api/v1/auth/logout/` deletes the
token it is sent with and `/api/v1/auth/logout-all/` every token of the user (so does logging
out of the web session, accounts.views.LogoutView). Session authentication keeps working for
the browsable API and the docs page.
"""

from django.conf import settings
from django_otp import user_has_device
from drf_spectacular.utils import extend_schema, inline_serializer
from knox.views import LoginView as KnoxLoginView
from knox.views import LogoutAllView as KnoxLogoutAllView
from knox.views import LogoutView as KnoxLogoutView
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.throttling import AnonRateThrottle

from accounts import services as account_services
from accounts.lockout import lockout_response
from accounts.middleware import needs_second_factor
from api.token_auth import TokenAuthentication
from casework.errors import DomainError


class TokenRequestSerializer(AuthTokenSerializer):
    otp_token = serializers.CharField(
        required=False, max_length=32, write_only=True,
        help_text="STAFF_REQUIRE_2FA 开启时，承办人、监督人员和管理员须同时提交身份验证器的 6 位验证码或一个恢复码。",
    )


class TokenObtainThrottle(AnonRateThrottle):
    """Per address, stricter than other anonymous calls: each call here checks a password."""

    scope = "token"


@extend_schema(
    tags=["auth"],
    summary="用户名和密码换取 API 令牌",
    request=TokenRequestSerializer,
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
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        if not serializer.is_valid():
            if getattr(request, "axes_locked_out", False):
                return lockout_response(request)
            raise ValidationError(serializer.errors)
        user = serializer.validated_data["user"]
        self._second_factor(user, serializer.validated_data.get("otp_token", ""))
        request.user = user
        account_services.api_tokens_expired_delete(user=user)
        return super().post(request, format=format)

    @staticmethod
    def _second_factor(user, code: str) -> None:
        """A token is a session of its own: staff get one only for a password *and* a second factor,
        as the web site asks them (accounts.middleware), or the token would be the way around it."""
        if not (settings.STAFF_REQUIRE_2FA and needs_second_factor(user)):
            return
        if not user_has_device(user, confirmed=True):
            raise ValidationError({"otp_token": ["请先在网页上绑定身份验证器（/accounts/2fa/enrol/），再申请 API 令牌。"]},
                                  code="otp_not_enrolled")
        if not code.strip():
            raise ValidationError({"otp_token": ["需要身份验证器的 6 位验证码或一个恢复码。"]}, code="otp_required")
        try:
            account_services.two_factor_verify(user=user, token=code)
        except DomainError as error:
            raise ValidationError({"otp_token": error.messages}, code="otp_invalid") from error


@extend_schema(tags=["auth"], summary="注销当前 API 令牌", request=None, responses={204: None})
class TokenLogoutView(KnoxLogoutView):
    # knox's views name knox's own class; the schema must see one class per scheme name.
    authentication_classes = [TokenAuthentication]


@extend_schema(tags=["auth"], summary="注销本用户的全部 API 令牌", request=None, responses={204: None})
class TokenLogoutAllView(KnoxLogoutAllView):
    authentication_classes = [TokenAuthentication]
