"""What a locked-out login attempt is answered (axes' AXES_LOCKOUT_CALLABLE).

One answer for both ways in: the login page gets a page saying why and for how long,
the API's token endpoint `{"detail": …}` as JSON; both 429 with Retry-After.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext


def lockout_minutes() -> int:
    return max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def lockout_message() -> str:
    minutes = lockout_minutes()
    return ngettext(
        "登录失败次数过多，该账号或来源地址已被暂时锁定。请 %(minutes)d 分钟后再试，或联系系统管理员解锁。",
        "登录失败次数过多，该账号或来源地址已被暂时锁定。请 %(minutes)d 分钟后再试，或联系系统管理员解锁。",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": lockout_message()}, status=settings.AXES_HTTP_RESPONSE_CODE)
    else:
        response = render(request, "accounts/lockout.html", {"message": lockout_message()},
                          status=settings.AXES_HTTP_RESPONSE_CODE)
    response["Retry-After"] = str(lockout_minutes() * 60)
    return response
