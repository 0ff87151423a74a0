"""Writes on a user's sign-in credentials: API tokens and second-factor devices."""

from django.db import transaction
from django_otp import devices_for_user, verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from calendars import clock
from casework.errors import DomainError
from casework.models import User
from casework.services.audit import audit_write

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "身份验证器"
RECOVERY_DEVICE_NAME = "恢复码"


def api_tokens_revoke(*, user: User, acting_user: User, reason: str) -> int:
    """Delete every API token of `user`; return how many there were."""
    with transaction.atomic():
        count, _ = AuthToken.objects.filter(user=user).delete()
        if count:
            audit_write(target=user, action="api_tokens_revoked", actor=acting_user, reason=reason,
                        details={"count": count})
    return count


def api_tokens_expired_delete(*, user: User) -> int:
    """Delete `user`'s expired API tokens (at sign-in: requests check only their own token,
    api.token_auth); return how many there were. Not audited: an expired token is already void."""
    count, _ = AuthToken.objects.filter(user=user, expiry__lt=clock.now()).delete()
    return count


def totp_enrolment_start(*, user: User) -> TOTPDevice:
    """Give `user` a fresh, unconfirmed authenticator key to scan.

    An earlier unconfirmed key is discarded; a confirmed one stays in force until the
    new one is confirmed.
    """
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def totp_enrolment_confirm(*, user: User, device_id: int, token: str) -> list[str]:
    """Confirm the unconfirmed key with its first code; return ten new recovery codes.

    The codes are stored as given (django-otp keeps them so) and shown to the user once.
    Confirming replaces the user's earlier authenticator and recovery codes.
    """
    device = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()
    if device is None:
        raise DomainError("该验证器密钥已失效，请重新开始绑定。")
    # Outside the transaction below: a wrong code must still count towards the device's throttle.
    if not device.verify_token(token.strip()):
        raise DomainError({"token": "验证码不正确或已过期，请输入身份验证器当前显示的 6 位数字。"})
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _recovery_codes_replace(user=user)
        audit_write(target=user, action="two_factor_enrolled", actor=user)
    return codes


def recovery_codes_regenerate(*, user: User, acting_user: User) -> list[str]:
    """Replace `user`'s recovery codes with ten new ones (the old ones stop working)."""
    with transaction.atomic():
        codes = _recovery_codes_replace(user=user)
        audit_write(target=user, action="recovery_codes_regenerated", actor=acting_user)
    return codes


def two_factor_verify(*, user: User, token: str):
    """Return the confirmed device that accepts `token` (a TOTP code or a recovery code).

    A recovery code is used up by this call. Each device throttles wrong codes itself.
    """
    token = token.strip().replace(" ", "")
    # Six digits are an authenticator code, anything else a recovery code: each code is tried
    # on its own kind of device only, as django-otp advises (its throttles then stay meaningful).
    kind = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
    device = None
    for candidate in devices_for_user(user, confirmed=True):
        if isinstance(candidate, kind):
            device = verify_token(user, candidate.persistent_id, token)
            if device is not None:
                break
    if device is None:
        raise DomainError({"token": "验证码或恢复码不正确。"})
    if isinstance(device, StaticDevice):
        audit_write(target=user, action="recovery_code_used", actor=user,
                    details={"left": device.token_set.count()})
    return device


def _recovery_codes_replace(*, user: User) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes
