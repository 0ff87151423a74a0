"""Two-factor pages (enrolment, recovery codes, verification) and the logout that also revokes
the user's API tokens. Each view parses, calls one service in accounts.services, renders."""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LogoutView as DjangoLogoutView
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.forms import OneTimeCodeForm
from casework.errors import DomainError, form_add_errors

PENDING_DEVICE_KEY = "accounts_pending_totp_device"


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return "/start/"


def _is_verified(user) -> bool:
    return getattr(user, "is_verified", lambda: False)()


@never_cache
@login_required
def two_factor_enrol(request):
    user = request.user
    # Someone who already has a second factor proves it before binding another one;
    # otherwise a stolen password alone would be enough to enrol the thief's phone.
    if user_has_device(user, confirmed=True) and not _is_verified(user):
        return _redirect_with_next("accounts:two_factor_verify", _next_url(request))
    device = TOTPDevice.objects.filter(
        pk=request.session.get(PENDING_DEVICE_KEY), user=user, confirmed=False
    ).first()
    if device is None:
        device = services.totp_enrolment_start(user=user)
        request.session[PENDING_DEVICE_KEY] = device.pk
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.totp_enrolment_confirm(user=user, device_id=device.pk, token=form.cleaned_data["token"])
        except DomainError as exc:
            form_add_errors(form, exc)
        else:
            del request.session[PENDING_DEVICE_KEY]
            device.refresh_from_db()
            otp_login(request, device)
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next_url(request)})
    return render(request, "accounts/enrol.html", {
        "form": form,
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff"),
        "secret": b32encode(device.bin_key).decode(),
        "next": _next_url(request),
    })


@never_cache
@login_required
def two_factor_verify(request):
    user = request.user
    if not user_has_device(user, confirmed=True):
        return _redirect_with_next("accounts:two_factor_enrol", _next_url(request))
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.two_factor_verify(user=user, token=form.cleaned_data["token"])
        except DomainError as exc:
            form_add_errors(form, exc)
        else:
            otp_login(request, device)
            return redirect(_next_url(request))
    return render(request, "accounts/verify.html", {"form": form, "next": _next_url(request)})


@never_cache
@login_required
@require_POST
def recovery_codes_regenerate(request):
    if not _is_verified(request.user):
        return _redirect_with_next("accounts:two_factor_verify", reverse("accounts:two_factor_enrol"))
    codes = services.recovery_codes_regenerate(user=request.user, acting_user=request.user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next_url(request)})


class LogoutView(DjangoLogoutView):
    """Django's logout, which first revokes the user's API tokens: logging out ends every way in."""

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            services.api_tokens_revoke(user=request.user, acting_user=request.user, reason="退出登录")
        return super().post(request, *args, **kwargs)


def _redirect_with_next(name: str, next_url: str):
    return redirect(f"{reverse(name)}?{urlencode({'next': next_url})}")
