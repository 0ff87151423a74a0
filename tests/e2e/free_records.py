"""A credit record the demo's `subject` login can object to, for the browser tests that lodge.

The demo data is meant to leave one free; until it does (or if a test before used it up), one is
made here so the test still starts from the portal's own link.
"""

import datetime


def fresh_record(subject=None, *, determined_on=datetime.date(2026, 6, 1)):
    """A new record of `subject` (the demo's 农安县人民政府 unless said), determined by 长春市财政局:
    unpaid procurement, the case the browser tests lodge, order or repair on."""
    from casework.models import Department, Subject
    from casework.services.records import credit_record_create

    return credit_record_create(
        subject=subject or Subject.objects.get(name="农安县人民政府"), kind="dishonesty", key_area="procurement",
        determined_by=Department.objects.get(name="长春市财政局"), platform_level="city",
        facts="县政府采购项目逾期未支付尾款。", legal_basis="《保障中小企业款项支付条例》第八条。",
        determined_on=determined_on, severity="general",
    )


def record_free_for_objection(subject):
    from casework.models import RecordStatus

    free = subject.records.filter(status=RecordStatus.ACTIVE).order_by("pk").first()
    return free or fresh_record(subject)
