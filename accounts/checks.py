"""Deploy checks: `manage.py check --deploy` warns while a user still has the demo password."""

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import DatabaseError


@register(Tags.security, deploy=True)
def check_demo_passwords(app_configs, **kwargs):
    """Warn for every active user whose password is still settings.DEMO_PASSWORD.

    A deployment has tens of users, so checking each hash once is affordable here.
    """
    from django.contrib.auth import get_user_model

    demo_password = getattr(settings, "DEMO_PASSWORD", "")
    if not demo_password:
        return []
    try:
        users = [
            user
            for user in get_user_model().objects.filter(is_active=True).exclude(password="").exclude(
                password__startswith="!"
            )
            if user.check_password(demo_password)
        ]
    except DatabaseError:  # no tables yet (check before migrate): nothing to warn about
        return []
    if not users:
        return []
    names = ", ".join(sorted(user.get_username() for user in users))
    return [
        Warning(
            f"以下账号仍在使用演示密码：{names} (users still have the demo password)",
            hint="请为这些账号设置新密码（manage.py changepassword <用户名>），或停用演示账号。",
            id="accounts.W001",
        )
    ]
