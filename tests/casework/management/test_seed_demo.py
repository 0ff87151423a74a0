import io

import pytest
from django.core.management import call_command

from casework.models import CreditRecord, Jurisdiction, PunishmentMeasure, Role, User

pytestmark = pytest.mark.django_db


def _seed(**env):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_creates_jilin_and_one_login_per_role():
    output = _seed()
    names = set(Jurisdiction.objects.values_list("name", flat=True))
    assert {"吉林省", "长春市", "吉林市", "四平市", "辽源市", "通化市", "白山市", "松原市", "白城市",
            "延边朝鲜族自治州", "农安县"} <= names
    for username, role in [("subject", Role.SUBJECT_OFFICER), ("handler", Role.HANDLER),
                           ("supervisor", Role.SUPERVISOR), ("admin", Role.ADMINISTRATOR)]:
        user = User.objects.get(username=username)
        assert user.role == role and user.check_password("demo")
        assert f"用户名 {username}" in output
    assert "密码 demo" in output


def test_records_carry_measures_from_at_least_two_departments():
    _seed()
    record = CreditRecord.objects.filter(subject__officers__username="subject").first()
    departments = PunishmentMeasure.objects.filter(record=record).values("imposed_by").distinct().count()
    assert departments >= 2


def test_seed_demo_is_idempotent():
    _seed()
    counts = (Jurisdiction.objects.count(), CreditRecord.objects.count(), PunishmentMeasure.objects.count(),
              User.objects.count())
    _seed()
    assert counts == (Jurisdiction.objects.count(), CreditRecord.objects.count(), PunishmentMeasure.objects.count(),
                      User.objects.count())


def test_demo_password_comes_from_the_setting(settings):
    settings.DEMO_PASSWORD = "another-secret"
    output = _seed()
    assert User.objects.get(username="handler").check_password("another-secret")
    assert "密码 another-secret" in output
