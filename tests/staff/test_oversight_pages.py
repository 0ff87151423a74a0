"""督办 pages: the drill-down's 督办 button, the form and its confirmation, the list and its filters,
the dashboard's tiles, the department's written answer on its case page, and scope (404 outside).

An objection of 长春 received Thursday 10 September 2026 is due Thursday 8 October; on Friday
9 October it is one working day overdue and a 督办 wants feedback by Tuesday 13 October
(Saturday 10 October is a make-up working day).
"""

import datetime

import pytest
from django.urls import reverse

from casework.models import Deadline
from casework.models.deadlines import DeadlineKind
from supervision.models import Oversight, OversightStatus
from supervision.services.oversight import oversight_answer, oversight_escalate_due, oversight_issue
from tests.factories import DepartmentFactory
from tests.supervision.conftest import lodge, world  # noqa: F401  (the supervision pages' world)

pytestmark = pytest.mark.django_db
D = datetime.date
REASONS = "异议答复已逾期，请立即作出书面答复。"


@pytest.fixture
def late(world, at):  # noqa: F811
    """长春's overdue objection (and 吉林市's), the supervisor offices of both cities and the province."""
    for city, name in (("a", "长春市"), ("b", "吉林市")):
        world[f"office_{city}"] = DepartmentFactory(name=f"{name}社会信用体系建设联席会议办公室",
                                                    jurisdiction=world[f"city_{city}"], is_determining=False,
                                                    is_supervisor_office=True)
    world["office_province"] = DepartmentFactory(name="吉林省社会信用体系建设联席会议办公室",
                                                 jurisdiction=world["province"], is_determining=False,
                                                 is_supervisor_office=True)
    world["case_a"] = lodge(world, "a", on=D(2026, 9, 10))
    world["case_b"] = lodge(world, "b", on=D(2026, 9, 10))
    at(2026, 10, 9)
    return Deadline.objects.get(owner_id=world["case_a"].pk, kind=DeadlineKind.REPLY)


def _issue(world, deadline, on=D(2026, 10, 9)):
    return oversight_issue(deadline=deadline, reasons=REASONS, acting_user=world["sup_a"], today=on)


def _case_url(case):
    return reverse("work:objections:case", args=[case.number])


def test_the_drill_down_offers_a_oversight_whose_form_confirms_before_issuing(
        client, world, late, django_capture_on_commit_callbacks):
    client.force_login(world["sup_a"])
    new_url = reverse("oversight_app:oversight:oversight_new", args=[late.pk])
    drill = client.get(reverse("oversight_app:oversight:list") + "?state=overdue").content.decode()
    assert f'href="{new_url}"' in drill

    page = client.get(new_url).content.decode()
    assert world["case_a"].number in page and "已逾期1个工作日" in page and 'name="reasons"' in page
    short = client.post(new_url, {"reasons": "快"}).content.decode()
    assert "cw-errors" in short and not Oversight.objects.exists()
    confirm = client.post(new_url, {"reasons": REASONS}).content.decode()
    assert "此操作不可撤回" in confirm and 'name="confirmed" value="1"' in confirm and REASONS in confirm
    assert not Oversight.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(new_url, {"reasons": REASONS, "confirmed": "1"})
    oversight = Oversight.objects.get()
    assert response.status_code == 302 and response.url == reverse("oversight_app:oversight:oversight",
                                                                   args=[oversight.pk])
    detail = client.get(response.url).content.decode()
    office = world["office_a"]
    assert f"{office.document_prefix}督办〔2026〕1号" in detail and "待书面反馈" in detail and "2026-10-13" in detail
    letter = client.get(reverse("oversight_app:oversight:oversight_letter", args=[oversight.pk]))
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
    # The row now says it waits for the answer, and the form refuses a second one.
    drill = client.get(reverse("oversight_app:oversight:list") + "?state=overdue").content.decode()
    assert "已督办，待反馈" in drill
    assert "该期限已有待反馈的督办通知" in client.get(new_url).content.decode()


def test_the_list_filters_by_status_and_marks_overdue_feedback_and_the_dashboard_counts_them(
        client, world, late, at):
    first = _issue(world, late)
    other = lodge(world, "a", on=D(2026, 9, 11))  # due Friday 9 October: due today
    second = _issue(world, Deadline.objects.get(owner_id=other.pk, kind=DeadlineKind.REPLY))
    oversight_answer(oversight=second, text="已于今日作出书面答复并送达申请人。", acting_user=world["handler_a"])
    at(2026, 10, 14)  # past the feedback date of the first
    client.force_login(world["sup_a"])
    url = reverse("oversight_app:oversight:oversights")

    def rows(show):
        html = client.get(url + (f"?show={show}" if show else "")).content.decode()
        return {o.pk for o in (first, second) if f'data-oversight="{o.pk}"' in html}, html

    assert rows("")[0] == {first.pk, second.pk}
    assert rows("answered")[0] == {second.pk}
    found, html = rows("feedback_overdue")
    assert found == {first.pk} and "已超期未反馈" in html and "cw-overdue-row" in html
    assert rows("open")[0] == {first.pk} and rows("escalated")[0] == set()
    assert client.get(url + "?show=nonsense").status_code == 404

    def tiles(user):
        client.force_login(user)
        html = client.get(reverse("oversight_app:oversight:index")).content.decode()
        return {key: html.split(f'id="tile-oversight-{key}"', 1)[1].split("<b>", 1)[1].split("</b>", 1)[0]
                for key in ("open", "late", "answered", "escalated")}

    assert tiles(world["sup_a"]) == {"open": "1", "late": "1", "answered": "1", "escalated": "0"}
    assert tiles(world["sup_b"]) == {"open": "0", "late": "0", "answered": "0", "escalated": "0"}
    # Both deadlines are still unmet: both go to the province's office, on its list too.
    assert oversight_escalate_due(today=D(2026, 10, 14)) == [first, second]
    assert tiles(world["sup_province"]) == {"open": "0", "late": "0", "answered": "0", "escalated": "2"}
    html = client.get(url + "?show=escalated").content.decode()
    assert f"提级至{world['office_province'].name}" in html and f'data-oversight="{first.pk}"' in html


def test_the_department_answers_in_writing_on_its_case_page_and_the_supervisor_reads_it(client, world, late):
    oversight = _issue(world, late)
    client.force_login(world["handler_a2"])
    page = client.get(_case_url(world["case_a"])).content.decode()
    answer_url = reverse("work:objections:oversight_answer", args=[world["case_a"].number, oversight.pk])
    assert 'id="oversights"' in page and f'action="{answer_url}"' in page and "2026-10-13" in page
    assert client.post(answer_url, {"text": "太短"}).status_code == 302
    oversight.refresh_from_db()
    assert oversight.status == OversightStatus.OPEN
    response = client.post(answer_url, {"text": "已于今日作出书面答复并送达申请人，逾期系核查材料所致。"})
    assert response.status_code == 302 and response.url == _case_url(world["case_a"]) + "#oversights"
    oversight.refresh_from_db()
    assert oversight.status == OversightStatus.ANSWERED and oversight.answered_by == world["handler_a2"]
    page = client.get(_case_url(world["case_a"])).content.decode()
    assert "逾期系核查材料所致" in page and f'action="{answer_url}"' not in page  # answered: no second form

    client.force_login(world["sup_a"])
    detail = client.get(reverse("oversight_app:oversight:oversight", args=[oversight.pk])).content.decode()
    assert "逾期系核查材料所致" in detail and "已书面反馈" in detail
    case_page = client.get(_case_url(world["case_a"])).content.decode()
    assert "逾期系核查材料所致" in case_page and "提交书面反馈" not in case_page


def test_outside_its_scope_a_supervisor_or_a_department_gets_404(client, world, late):
    oversight = _issue(world, late)
    deadline_b = Deadline.objects.get(owner_id=world["case_b"].pk, kind=DeadlineKind.REPLY)
    client.force_login(world["sup_b"])
    for url in (reverse("oversight_app:oversight:oversight", args=[oversight.pk]),
                reverse("oversight_app:oversight:oversight_letter", args=[oversight.pk]),
                reverse("oversight_app:oversight:oversight_new", args=[late.pk])):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("oversight_app:oversight:oversight_new", args=[late.pk]),
                       {"reasons": REASONS, "confirmed": "1"}).status_code == 404
    assert f'data-oversight="{oversight.pk}"' not in client.get(
        reverse("oversight_app:oversight:oversights")).content.decode()
    # sup_a cannot reach 吉林市's deadline either.
    client.force_login(world["sup_a"])
    assert client.get(reverse("oversight_app:oversight:oversight_new", args=[deadline_b.pk])).status_code == 404

    client.force_login(world["handler_b"])
    answer_url = reverse("work:objections:oversight_answer", args=[world["case_a"].number, oversight.pk])
    assert client.post(answer_url, {"text": "已于今日作出书面答复并送达申请人。"}).status_code == 404
    assert client.get(reverse("work:objections:oversight_letter",
                              args=[world["case_a"].number, oversight.pk])).status_code == 404
    # The department's own handler, but through another case's address: not that case's 督办.
    client.force_login(world["handler_a"])
    other = lodge(world, "a", on=D(2026, 9, 28))
    assert client.post(reverse("work:objections:oversight_answer", args=[other.number, oversight.pk]),
                       {"text": "已于今日作出书面答复并送达申请人。"}).status_code == 404
    assert client.get(reverse("oversight_app:oversight:oversights")).status_code == 403
    oversight.refresh_from_db()
    assert oversight.status == OversightStatus.OPEN


def test_an_administrator_sees_the_form_refused_and_cannot_issue(client, world, late):
    client.force_login(world["admin"])
    url = reverse("oversight_app:oversight:oversight_new", args=[late.pk])
    page = client.get(url).content.decode()
    assert "只有设有联席会议办公室的监督人员可以发出督办函" in page and 'name="reasons"' not in page
    assert client.post(url, {"reasons": REASONS, "confirmed": "1"}).status_code == 200
    assert not Oversight.objects.exists()
    drill = client.get(reverse("oversight_app:oversight:list") + "?state=overdue").content.decode()
    assert url not in drill  # no 督办 buttons for whoever issues none
