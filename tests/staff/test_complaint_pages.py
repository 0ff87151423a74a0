"""The staff side of a complaint: in the office's queue, its case page with the declared actions,
and the complainant's identity shown to the handling office only. Every page, letter and API answer
the department it was transferred to, the body complained about and a supervisor can reach (found by
following every link from where they land) names neither the complainant nor the contact."""

import io
import re
from urllib.parse import urljoin, urlparse

import pytest
from django.urls import reverse

from casework.models import ComplaintStatus
from casework.services import complaints as svc
from tests.factories import pdf_upload
from workflows.actions import act, start

pytestmark = pytest.mark.django_db
NAME, CONTACT = "赵某某", "13712345678"
MAX_PAGES = 120


@pytest.fixture
def transferred(rectification_world, at, django_capture_on_commit_callbacks):
    from casework.models import ComplaintCase

    world = rectification_world
    with django_capture_on_commit_callbacks(execute=True):  # letters rendered, so their PDFs can be read
        case = start(ComplaintCase, svc.complaint_lodge, acting_user=None, subject=world["government"],
                     facts="县政府承诺的企业搬迁补偿款至今未付，已逾一年。", occurred_on=at(2026, 9, 28).date(),
                     complainant_name=NAME, complainant_contact=CONTACT, files=[pdf_upload("补偿协议.pdf")])
        act(case=case, action="accept", acting_user=world["handler"], payload={})
        case.refresh_from_db()
        act(case=case, action="transfer", acting_user=world["handler"],
            payload={"department_id": world["determining"].department_id, "requirements": "请核实补偿款支付情况。"})
    case.refresh_from_db()
    return world, case


def _url(case):
    return reverse("work:complaints:case", args=[case.number])


def test_the_office_sees_the_complainant_and_the_declared_actions(client, rectification_world, at):
    from casework.models import ComplaintCase

    world = rectification_world
    case = start(ComplaintCase, svc.complaint_lodge, acting_user=None, subject=world["government"],
                 facts="县政府承诺的企业搬迁补偿款至今未付，已逾一年。", occurred_on=at(2026, 9, 28).date(),
                 complainant_name=NAME, complainant_contact=CONTACT)
    client.force_login(world["handler"])
    queue = client.get(reverse("work:queue:index")).content.decode()
    assert case.number in queue
    page = client.get(_url(case)).content.decode()
    assert NAME in page and CONTACT in page
    for name, label in (("accept", "受理投诉"), ("not-accept", "不予受理")):
        assert f'id="action-{name}"' in page and label in page
    # Not accepting asks first, then runs with confirmed=1.
    answer = client.post(_url(case), {"action": "not-accept", "reason": "不属于政务失信行为。"})
    assert "此操作不可撤回" in answer.content.decode()
    client.post(_url(case), {"action": "not-accept", "reason": "不属于政务失信行为。", "confirmed": "1"})
    case.refresh_from_db()
    assert case.status == ComplaintStatus.NOT_ACCEPTED


def test_transfer_then_the_department_records_findings_on_its_page(client, transferred):
    world, case = transferred
    assert case.status == ComplaintStatus.TRANSFERRED
    client.force_login(world["determining"])
    page = client.get(_url(case)).content.decode()
    assert case.facts in page and 'id="action-record-findings"' in page
    assert NAME not in page and CONTACT not in page and "投诉人身份仅办理单位可见" in page
    assert 'id="action-answer"' not in page and 'id="action-accept"' not in page
    client.post(_url(case), {"action": "record-findings", "findings": "经核实，补偿款确未支付。"})
    case.refresh_from_db()
    assert case.status == ComplaintStatus.FINDINGS_RECORDED


def test_the_rectification_page_shows_the_complaint_it_came_from(client, transferred):
    from casework.services.rectifications import rectification_order

    world, case = transferred
    order = rectification_order(subject=world["government"], records=[world["record"]], requirements="限期支付",
                                acting_user=world["handler"])
    svc.complaint_link(case=case, rectification_number=order.number, acting_user=world["handler"])
    client.force_login(world["handler"])
    assert order.number in client.get(_url(case)).content.decode()
    page = client.get(reverse("work:rectifications:case", args=[order.number])).content.decode()
    assert case.number in page


def _text_of(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        import pypdf

        return "".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(body)).pages)
    return body.decode("utf-8", "replace")


def _crawl(client, starts) -> dict[str, str]:
    """Every same-site page reachable by GET from `starts`: {url: text} (PDFs as their text)."""
    seen, queue, texts = set(), list(starts), {}
    while queue and len(texts) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen or "logout" in url or "/i18n/" in url:
            continue
        seen.add(url)
        response = client.get(url, follow=True)
        if response.status_code != 200:
            continue
        text = _text_of(response)
        texts[url] = text
        if "html" in response.get("Content-Type", ""):
            for href in re.findall(r'href="([^"#]+)"', text):
                target = urljoin(url, href.replace("&amp;", "&"))
                if not urlparse(target).netloc and target.startswith(("/staff/", "/portal/", "/api/", "/letters/",
                                                                        "/supervision/", "/public/")):
                    queue.append(target)
    return texts


@pytest.mark.parametrize("who", ["determining", "officer", "supervisor"])
def test_no_page_letter_or_answer_they_reach_names_the_complainant(client, transferred, who):
    world, case = transferred
    user = world[who]
    client.force_login(user)
    starts = [_url(case), "/staff/", reverse("work:queue:index"), "/portal/", "/supervision/",
              f"/api/v1/complaints/{case.number}/", "/api/v1/"]
    texts = _crawl(client, starts)
    assert texts, "nothing reached"
    if who == "determining":  # the department reaches the case, its letters and its evidence
        assert _url(case) in texts and any("转办函" in t for t in texts.values())
    leaks = [url for url, text in texts.items() if NAME in text or CONTACT in text]
    assert leaks == []


def test_letters_never_carry_the_identity_and_the_office_reads_them(client, transferred):
    from letters.selectors import letters_about

    world, case = transferred
    client.force_login(world["handler"])
    for letter in letters_about(case):
        response = client.get(f"{_url(case)}letters/{letter.pk}/")
        assert response.status_code == 200
        text = _text_of(response)
        assert case.number in text.replace("\n", "") and NAME not in text and CONTACT not in text


def test_the_flow_page_of_a_complaint_opens_for_the_office_only(client, transferred):
    from workflows.case_flow import process_for

    world, case = transferred
    process = process_for(case)
    url = reverse("complaint:process_detail", args=[process.pk])
    task = process.task_set.order_by("-pk").first()
    task_url = reverse(f"complaint:{task.flow_task.name}:detail", args=[process.pk, task.pk])
    # viewflow lists the artifact's fields on these pages: not the complainant's.
    for user in (world["handler"], world["determining"]):
        client.force_login(user)
        for address in (url, task_url):
            page = client.get(address)
            text = page.content.decode()
            assert page.status_code == 200 and case.number in text, address
            assert NAME not in text and CONTACT not in text, address
    client.force_login(world["officer"])
    assert client.get(url).status_code in (302, 403, 404)
