"""Two-factor for staff: while STAFF_REQUIRE_2FA is on, a handler, supervisor or administrator
reaches a staff page only after passing a second factor in this session.

Without a confirmed device they are sent to enrolment, with one to verification. Subject
officers are not asked. An API call with a token is left to the token (it was issued after a
password login and expires); a staff API call on the session is answered 403.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_otp import user_has_device

from casework.models import Role

STAFF_ROLES = {Role.HANDLER, Role.SUPERVISOR, Role.ADMINISTRATOR}
STAFF_PREFIXES = ("/staff/", "/supervision/", "/exchange/", "/admin/", "/calendar/")
API_PREFIX = "/api/v1/"


def needs_second_factor(user) -> bool:
    return user.is_authenticated and (user.role in STAFF_ROLES or user.is_staff or user.is_superuser)


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.STAFF_REQUIRE_2FA and self._guarded(request):
            user = request.user
            if needs_second_factor(user) and not user.is_verified():
                return self._refuse(request, enrolled=user_has_device(user, confirmed=True))
        return self.get_response(request)

    @staticmethod
    def _guarded(request) -> bool:
        path = request.path_info
        if path.startswith(STAFF_PREFIXES):
            return True
        # knox answers for "Token …" itself; any other call rides on the session cookie.
        return path.startswith(API_PREFIX) and not request.META.get("HTTP_AUTHORIZATION", "").startswith("Token ")

    @staticmethod
    def _refuse(request, *, enrolled: bool):
        if request.path_info.startswith(API_PREFIX):
            return JsonResponse({"detail": _("请先完成双重身份验证。")}, status=403)
        target = "accounts:two_factor_verify" if enrolled else "accounts:two_factor_enrol"
        response = redirect(target)
        response["Location"] += "?" + urlencode({"next": request.get_full_path()})
        return response
