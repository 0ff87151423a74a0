import pytest

from casework.models import CreditRecord
from tests.factories import DepartmentFactory, SubjectFactory, UserFactory

pytestmark = pytest.mark.django_db


def _form(subject, department, **overrides):
    data = {
        "subject": subject.pk, "kind": "dishonesty", "key_area": "procurement", "determined_by": department.pk,
        "platform_level": "city", "facts": "逾期未付款。", "legal_basis": "某条例第八条。",
        "determined_on": "2026-03-16", "severity": "general", "classification": "none",
        "measures-TOTAL_FORMS": "0", "measures-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_admin_adds_a_record_through_the_service(client):
    client.force_login(UserFactory())
    subject, department = SubjectFactory(), DepartmentFactory()
    response = client.post("/admin/casework/creditrecord/add/", _form(subject, department))
    assert response.status_code == 302, response.content.decode()[:2000]
    record = CreditRecord.objects.get()
    assert record.number.startswith("XY-2026-")


def test_admin_refuses_a_classified_record_on_the_form(client):
    client.force_login(UserFactory())
    subject, department = SubjectFactory(), DepartmentFactory()
    response = client.post(
        "/admin/casework/creditrecord/add/", _form(subject, department, classification="secret")
    )
    assert response.status_code == 200
    assert "不得归集" in response.content.decode()
    assert not CreditRecord.objects.exists()


def test_admin_moving_a_subject_moves_its_cases_deadlines_through_the_service(client):
    from casework.models import Deadline
    from tests.factories import JurisdictionFactory, ObjectionCaseFactory

    admin = UserFactory()
    client.force_login(admin)
    case = ObjectionCaseFactory()
    subject, elsewhere = case.subject, JurisdictionFactory()
    response = client.post(f"/admin/casework/subject/{subject.pk}/change/", {
        "name": subject.name, "kind": subject.kind, "uscc": subject.uscc, "jurisdiction": elsewhere.pk,
        "employer": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(Deadline.objects.filter(case_id=case.pk).values_list("jurisdiction", flat=True)) == {elsewhere.pk}


# --- Nothing is deleted in the admin; every write is audited -----------------------------------

def _audit(target, action):
    from casework.services.audit import audit_trail

    return [entry for entry in audit_trail(target) if entry.action == action]


def _jurisdiction():
    from tests.factories import JurisdictionFactory

    return JurisdictionFactory()


def _measure():
    from tests.factories import PunishmentMeasureFactory

    return PunishmentMeasureFactory()


def _record():
    from tests.factories import CreditRecordFactory

    return CreditRecordFactory()


UNDELETABLE = {
    "jurisdiction": _jurisdiction,
    "department": lambda: DepartmentFactory(),
    "subject": lambda: SubjectFactory(),
    "creditrecord": _record,
    "punishmentmeasure": _measure,
    "user": lambda: UserFactory(handler=True),
}


@pytest.fixture
def admin_client(client):
    administrator = UserFactory(username="root-admin")
    client.force_login(administrator)
    client.administrator = administrator
    return client


@pytest.mark.parametrize("model", UNDELETABLE)
def test_the_admin_deletes_nothing(admin_client, model):
    obj = UNDELETABLE[model]()
    base = f"/admin/casework/{model}/"
    changelist = admin_client.get(base)
    assert changelist.status_code == 200
    assert "delete_selected" not in changelist.content.decode()
    change = admin_client.get(f"{base}{obj.pk}/change/")
    assert change.status_code == 200
    assert f"{obj.pk}/delete/" not in change.content.decode()
    assert admin_client.get(f"{base}{obj.pk}/delete/").status_code == 403
    assert admin_client.post(f"{base}{obj.pk}/delete/", {"post": "yes"}).status_code == 403
    admin_client.post(base, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"})
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_editing_a_subject_in_the_admin_is_audited(admin_client):
    subject = SubjectFactory(name="农安县人民政府")
    response = admin_client.post(f"/admin/casework/subject/{subject.pk}/change/", {
        "name": "农安县人民政府办公室", "kind": subject.kind, "uscc": subject.uscc,
        "jurisdiction": subject.jurisdiction_id, "employer": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    [entry] = _audit(subject, "subject_edited")
    assert entry.actor == admin_client.administrator
    assert entry.details["changes"] == {"name": ["农安县人民政府", "农安县人民政府办公室"]}


def test_adding_a_subject_in_the_admin_is_audited(admin_client):
    from casework.models import Subject
    from tests.factories import valid_uscc

    jurisdiction = _jurisdiction()
    response = admin_client.post("/admin/casework/subject/add/", {
        "name": "德惠市人民政府", "kind": "government", "uscc": valid_uscc(), "jurisdiction": jurisdiction.pk,
        "employer": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    subject = Subject.objects.get(name="德惠市人民政府")
    [entry] = _audit(subject, "subject_created")
    assert entry.actor == admin_client.administrator


def test_editing_a_department_in_the_admin_is_audited(admin_client):
    department = DepartmentFactory(name="长春市财政局")
    response = admin_client.post(f"/admin/casework/department/{department.pk}/change/", {
        "name": "长春市财政局（信用科）", "jurisdiction": department.jurisdiction_id, "uscc": department.uscc,
        "is_determining": "on", "document_prefix": department.document_prefix,
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    [entry] = _audit(department, "department_edited")
    assert entry.actor == admin_client.administrator
    assert entry.details["changes"]["name"] == ["长春市财政局", "长春市财政局（信用科）"]


def test_editing_a_user_in_the_admin_is_audited_and_grants_no_extra_permissions(admin_client):
    handler = UserFactory(handler=True, username="handler-a")
    page = admin_client.get(f"/admin/casework/user/{handler.pk}/change/").content.decode()
    assert 'name="user_permissions"' not in page and 'name="groups"' not in page
    response = admin_client.post(f"/admin/casework/user/{handler.pk}/change/", {
        "username": "handler-a", "first_name": "王芳", "last_name": "", "email": "", "is_active": "on",
        "role": "handler", "department": handler.department_id, "subject": "", "jurisdiction": "",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    [entry] = _audit(handler, "user_edited")
    assert entry.actor == admin_client.administrator and entry.details["changes"] == {"first_name": ["", "王芳"]}


def test_deactivating_a_user_is_an_audited_admin_action(admin_client):
    handler = UserFactory(handler=True)
    response = admin_client.post("/admin/casework/user/", {"action": "deactivate", "_selected_action": [handler.pk]})
    assert response.status_code == 302
    handler.refresh_from_db()
    assert not handler.is_active
    [entry] = _audit(handler, "user_deactivated")
    assert entry.actor == admin_client.administrator and entry.to_state == "inactive"


def test_an_administrator_cannot_deactivate_themself(admin_client):
    me = admin_client.administrator
    admin_client.post("/admin/casework/user/", {"action": "deactivate", "_selected_action": [me.pk]})
    me.refresh_from_db()
    assert me.is_active and not _audit(me, "user_deactivated")


def test_setting_a_password_in_the_admin_is_audited(admin_client):
    handler = UserFactory(handler=True)
    response = admin_client.post(f"/admin/casework/user/{handler.pk}/password/", {
        "password1": "Ch4ngeMe-2026!", "password2": "Ch4ngeMe-2026!", "usable_password": "true",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    handler.refresh_from_db()
    assert handler.check_password("Ch4ngeMe-2026!")
    [entry] = _audit(handler, "user_password_set")
    assert entry.actor == admin_client.administrator and "Ch4ngeMe" not in str(entry.details)


def test_the_audit_trail_is_read_only_in_the_admin(admin_client):
    from casework.services.audit import audit_write

    entry = audit_write(target=SubjectFactory(), action="subject_moved", actor=None)
    assert admin_client.get("/admin/casework/auditentry/").status_code == 200
    assert admin_client.get(f"/admin/casework/auditentry/{entry.pk}/change/").status_code == 200
    assert admin_client.post(f"/admin/casework/auditentry/{entry.pk}/change/", {"action": "x"}).status_code == 403
    assert admin_client.post(f"/admin/casework/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin_client.get("/admin/casework/auditentry/add/").status_code == 403


def test_viewflow_processes_and_tasks_are_read_only_in_the_admin(admin_client):
    from viewflow.workflow.models import Process, Task

    from tests.factories import CreditRecordFactory, beijing
    from workflows.objection_actions import objection_lodge

    record = CreditRecordFactory()
    officer = UserFactory(subject_officer=True, subject=record.subject)
    objection_lodge(record=record, grounds="该笔款项已于2026年1月全额支付，记录所述逾期未付与事实不符。",
                    channel="department", acting_user=officer, received_at=beijing(2026, 9, 28))
    process = Process.objects.get()
    task = Task.objects.filter(process=process).order_by("-pk").first()
    before = (process.status, task.status, task.owner_id)
    for page, data in [(f"/admin/viewflow/process/{process.pk}/", {"status": "DONE", "brief": "x"}),
                       (f"/admin/viewflow/task/{task.pk}/", {"status": "DONE", "owner": admin_client.administrator.pk})]:
        shown = admin_client.get(f"{page}change/")
        assert shown.status_code == 200
        assert '<input type="submit"' not in shown.content.decode() and "delete/" not in shown.content.decode()
        assert admin_client.post(f"{page}change/", data).status_code == 403
        assert admin_client.post(f"{page}delete/", {"post": "yes"}).status_code == 403
    assert admin_client.get("/admin/viewflow/process/add/").status_code == 403
    process.refresh_from_db()
    task.refresh_from_db()
    assert (process.status, task.status, task.owner_id) == before


def test_the_admin_ticks_the_letter_kinds_a_department_issues_in_one_step(admin_client):
    department = DepartmentFactory(name="长春市财政局", one_step_letter_kinds=[])
    page = admin_client.get(f"/admin/casework/department/{department.pk}/change/").content.decode()
    assert "可一步出具的文书种类" in page and "信用信息异议答复书" in page
    response = admin_client.post(f"/admin/casework/department/{department.pk}/change/", {
        "name": department.name, "jurisdiction": department.jurisdiction_id, "uscc": department.uscc,
        "is_determining": "on", "document_prefix": department.document_prefix,
        "one_step_letter_kinds": ["objection_reply", "repair_decision"],
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    department.refresh_from_db()
    assert department.one_step_letter_kinds == ["objection_reply", "repair_decision"]
    [entry] = _audit(department, "department_edited")
    assert "one_step_letter_kinds" in entry.details["changes"]


def test_the_admin_gives_a_handler_the_right_to_sign_off_but_not_a_supervisor(admin_client):
    handler = UserFactory(handler=True, username="handler-b")
    form = {"username": "handler-b", "first_name": "", "last_name": "", "email": "", "is_active": "on",
            "role": "handler", "department": handler.department_id, "subject": "", "jurisdiction": "",
            "may_sign_off": "on"}
    assert admin_client.post(f"/admin/casework/user/{handler.pk}/change/", form).status_code == 302
    handler.refresh_from_db()
    assert handler.may_sign_off and not handler.may_review
    [entry] = _audit(handler, "user_edited")
    assert entry.details["changes"] == {"may_sign_off": [False, True]}
    supervisor = UserFactory(supervisor=True, username="supervisor-b")
    response = admin_client.post(f"/admin/casework/user/{supervisor.pk}/change/", {
        **form, "username": "supervisor-b", "role": "supervisor", "department": "",
        "jurisdiction": supervisor.jurisdiction_id})
    supervisor.refresh_from_db()
    assert not supervisor.may_sign_off
    assert response.status_code == 200 and "只有部门承办人可以审核或签发文书" in response.content.decode()
