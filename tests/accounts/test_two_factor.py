"""Two-factor for staff: enrolment with a real TOTP code, recovery codes, verification, enforcement."""

import re
import time

import pytest
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from casework.errors import DomainError
from casework.models import AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ENROL = "/accounts/2fa/enrol/"
VERIFY = "/accounts/2fa/verify/"
QUEUE = "/staff/work/queue/"


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def enrolled(user) -> tuple[TOTPDevice, list[str]]:
    device = services.totp_enrolment_start(user=user)
    codes = services.totp_enrolment_confirm(user=user, device_id=device.pk, token=current_code(device))
    device.refresh_from_db()
    return device, codes


def test_enrolment_shows_a_qr_code_and_is_confirmed_by_the_current_code():
    handler = UserFactory(handler=True)
    client = logged_in(handler)
    page = client.get(ENROL)
    assert page.status_code == 200
    assert b"<svg" in page.content and b"otpauth" not in page.content  # the URL is in the picture only
    device = TOTPDevice.objects.get(user=handler, confirmed=False)
    assert page.context["secret"] and device.config_url.startswith("otpauth://totp/")

    done = client.post(ENROL, {"token": current_code(device), "next": QUEUE})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(code in done.content.decode() for code in codes)
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(action="two_factor_enrolled", target_id=handler.pk, actor=handler).exists()
    # Enrolling verified this session.
    with override_settings(STAFF_REQUIRE_2FA=True):
        assert client.get(QUEUE).status_code == 200


def test_a_wrong_code_is_refused_at_enrolment():
    handler = UserFactory(handler=True)
    client = logged_in(handler)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=handler)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    page = client.post(ENROL, {"token": wrong})
    assert page.status_code == 200
    assert "验证码不正确" in page.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticToken.objects.filter(device__user=handler).exists()


def test_verification_accepts_the_authenticator_code_and_refuses_a_wrong_one():
    supervisor = UserFactory(supervisor=True)
    device = TOTPDevice.objects.create(user=supervisor, name="phone", confirmed=True)
    client = logged_in(supervisor)
    with override_settings(STAFF_REQUIRE_2FA=True):
        refused = client.post(VERIFY, {"token": "000000" if current_code(device) != "000000" else "111111",
                                       "next": QUEUE})
        assert refused.status_code == 200 and "验证码或恢复码不正确" in refused.content.decode()
        assert client.get(QUEUE).status_code == 302
        device.refresh_from_db()
        device.throttle_reset()  # the wrong code made the device wait before the next try
        accepted = client.post(VERIFY, {"token": current_code(device), "next": QUEUE})
        assert accepted.status_code == 302 and accepted["Location"] == QUEUE
        assert client.get(QUEUE).status_code == 200


def test_a_recovery_code_works_once():
    admin = UserFactory()
    _, codes = enrolled(admin)
    with override_settings(STAFF_REQUIRE_2FA=True):
        first = logged_in(admin)
        assert first.post(VERIFY, {"token": codes[0], "next": QUEUE})["Location"] == QUEUE
        assert first.get(QUEUE).status_code == 200

        second = logged_in(admin)
        again = second.post(VERIFY, {"token": codes[0], "next": QUEUE})
        assert again.status_code == 200
        assert second.get(QUEUE).status_code == 302
    assert StaticToken.objects.filter(device__user=admin).count() == 9
    assert AuditEntry.objects.filter(action="recovery_code_used", target_id=admin.pk).count() == 1


def test_a_user_with_a_device_must_verify_before_enrolling_another():
    handler = UserFactory(handler=True)
    enrolled(handler)
    response = logged_in(handler).get(ENROL)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)


@override_settings(STAFF_REQUIRE_2FA=True)
@pytest.mark.parametrize("path", [QUEUE, "/supervision/", "/exchange/", "/admin/"])
def test_staff_without_a_device_are_sent_to_enrolment_on_every_staff_page(path):
    response = logged_in(UserFactory()).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(ENROL) and "next=" in response["Location"]


@override_settings(STAFF_REQUIRE_2FA=True)
def test_staff_with_a_device_are_sent_to_verification_and_session_api_calls_get_403():
    handler = UserFactory(handler=True)
    enrolled(handler)
    client = logged_in(handler)
    response = client.get(QUEUE)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    api = client.get("/api/v1/objections/")
    assert api.status_code == 403 and "双重身份验证" in api.json()["detail"]


@override_settings(STAFF_REQUIRE_2FA=True)
def test_subject_officers_are_not_asked_for_a_second_factor():
    officer = UserFactory(subject_officer=True)
    client = logged_in(officer)
    assert client.get("/portal/").status_code == 200
    assert client.get("/api/v1/objections/").status_code == 200


@override_settings(STAFF_REQUIRE_2FA=False)
def test_nothing_is_enforced_when_the_setting_is_off():
    assert logged_in(UserFactory(handler=True)).get(QUEUE).status_code == 200


def test_recovery_codes_can_be_regenerated_and_the_old_ones_stop_working():
    handler = UserFactory(handler=True)
    _, old = enrolled(handler)
    new = services.recovery_codes_regenerate(user=handler, acting_user=handler)
    assert not set(old) & set(new)
    with pytest.raises(DomainError):
        services.two_factor_verify(user=handler, token=old[0])
    StaticDevice.objects.get(user=handler).throttle_reset()  # the refused code made it wait
    assert services.two_factor_verify(user=handler, token=new[0]).name == services.RECOVERY_DEVICE_NAME


def test_an_unconfirmed_key_cannot_be_confirmed_twice():
    handler = UserFactory(handler=True)
    device, _ = enrolled(handler)
    with pytest.raises(DomainError, match="重新开始绑定"):
        services.totp_enrolment_confirm(user=handler, device_id=device.pk, token="123456")
    assert re.fullmatch(r"[a-z2-7]{8}", services.recovery_codes_regenerate(user=handler, acting_user=handler)[0])


@override_settings(STAFF_REQUIRE_2FA=True)
def test_staff_get_an_api_token_only_with_a_second_factor_too():
    """Otherwise the token endpoint would be the way around the web site's second factor."""
    from rest_framework.test import APIClient

    handler = UserFactory(username="h2fa", handler=True)
    handler.set_password("pw-2fa-test")
    handler.save()

    def login(**extra):
        return APIClient().post("/api/v1/auth/token/", {"username": "h2fa", "password": "pw-2fa-test", **extra},
                                format="json")

    not_enrolled = login()
    assert not_enrolled.status_code == 400 and "绑定身份验证器" in str(not_enrolled.data)
    device, codes = enrolled(handler)
    assert login().status_code == 400
    # The current code was spent on enrolment (a code is good once): the next 30-second step's.
    from django_otp.oath import TOTP

    next_step = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
    next_step.time = time.time() + device.step
    answer = login(otp_token=f"{next_step.token():06d}")
    assert answer.status_code == 200 and answer.data["token"]
    # A wrong code is refused (and, as django-otp throttles, delays the next authenticator code).
    assert login(otp_token="000000").status_code == 400
    assert login(otp_token=codes[0]).status_code == 200  # a recovery code, used up
    assert login(otp_token=codes[0]).status_code == 400


@override_settings(STAFF_REQUIRE_2FA=True)
def test_subject_officers_get_an_api_token_for_their_password_alone():
    from rest_framework.test import APIClient

    officer = UserFactory(username="o2fa", subject_officer=True)
    officer.set_password("pw-2fa-test")
    officer.save()
    answer = APIClient().post("/api/v1/auth/token/", {"username": "o2fa", "password": "pw-2fa-test"}, format="json")
    assert answer.status_code == 200
