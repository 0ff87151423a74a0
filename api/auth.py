"""Token authentication: `POST /api/v1/auth/token/` with username and password → {"token": …}.

Send it as `Authorization: Token <token>`. Session authentication keeps
working for the browsable API and the docs page.
"""

from drf_spectacular.utils import extend_schema
from rest_framework.authtoken.views import ObtainAuthToken


@extend_schema(tags=["auth"], summary="用户名和密码换取 API 令牌")
class TokenObtainView(ObtainAuthToken):
    # Credentials are in the body: no session (and so no CSRF check) is involved.
    authentication_classes = []
