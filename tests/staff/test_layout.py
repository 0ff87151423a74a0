"""The staff site's layout and the small things a clerk noticed: a message once, a favicon,
a bell that is drawn, whole case numbers, file types in words, dates and the timeline in English."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from staff.supervision_charts import hbar_chart
from tests.factories import UserFactory, pdf_bytes

pytestmark = pytest.mark.django_db


def test_a_success_message_is_shown_once(client, lodged):
    handler, case = lodged
    client.force_login(handler)
    page = client.post(f"/staff/work/objections/{case.number}/", {"action": "accept"}, follow=True)
    html = page.content.decode()
    assert html.count("已完成。") == 1
    assert re.search(r'<main class="vf-page__content"><ul class="cw-messages" role="status"><li class="success">', html)


def test_every_layout_links_the_favicon_and_favicon_ico_redirects_to_it(client, lodged):
    handler, case = lodged
    assert finders.find("favicon.svg")
    response = client.get("/favicon.ico")
    assert (response.status_code, response.url) == (302, "/static/favicon.svg")
    icon = '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">'
    assert icon in client.get("/accounts/login/").content.decode()
    assert icon in client.get("/letters/verify/").content.decode()
    client.force_login(handler)
    assert icon in client.get(f"/staff/work/objections/{case.number}/").content.decode()
    client.force_login(UserFactory(subject_officer=True))
    assert icon in client.get(reverse("portal:home")).content.decode()


def test_the_bell_is_an_svg_icon_not_an_emoji(client):
    client.force_login(UserFactory(supervisor=True))
    html = client.get(reverse("oversight_app:oversight:index")).content.decode()
    bell = re.search(r'<a class="sv-bell".*?</a>', html, re.S).group(0)
    assert "<svg" in bell and "&#128276;" not in bell and "\U0001F514" not in bell


def test_case_numbers_do_not_wrap_in_the_drill_down(client, lodged):
    handler, case = lodged
    client.force_login(UserFactory(supervisor=True, jurisdiction=case.subject.jurisdiction))
    html = client.get(reverse("oversight_app:oversight:list") + "?state=open").content.decode()
    assert f'<td class="cw-nowrap"><a href="/staff/work/objections/{case.number}/">' in html


def test_the_evidence_table_names_the_file_type(client, lodged):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from casework.services.materials import evidence_inspect, evidence_store

    handler, case = lodged
    upload = SimpleUploadedFile("凭证.pdf", pdf_bytes(), "application/pdf")
    evidence_store(case=case, inspected=evidence_inspect([upload]), purpose="materials", acting_user=handler)
    client.force_login(handler)
    table = re.search(r'<table class="cw-table" id="evidence">.*?</table>',
                      client.get(f"/staff/work/objections/{case.number}/").content.decode(), re.S).group(0)
    assert "PDF 文件" in table and "application/pdf" not in table


def test_the_dashboards_period_inputs_show_the_period_shown(client, at):
    at(2026, 10, 9)
    client.force_login(UserFactory(supervisor=True))
    html = client.get(reverse("oversight_app:oversight:index")).content.decode()
    assert re.search(r'<input type="date" name="start" value="2026-10-01"', html)
    assert re.search(r'<input type="date" name="end" value="2026-10-09"', html)
    html = client.get(reverse("oversight_app:oversight:index") + "?start=2026-07-01&end=2026-09-30").content.decode()
    assert 'value="2026-07-01"' in html and "期间情况：2026-07-01 至 2026-09-30" in html


def test_a_long_department_name_is_shown_whole_in_the_chart():
    name = "吉林省长春市公共资源交易中心政府采购监督管理办公室"  # 25 characters
    svg = str(hbar_chart([(name, [(3, "#b71c1c"), (1, "#e0a800")]), ("短名", [(1, "#b71c1c")])], title="t"))
    assert "".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)).startswith(name)


def test_in_english_dates_and_the_timeline_are_english(client, lodged):
    handler, case = lodged
    client.force_login(handler)
    client.post(f"/staff/work/objections/{case.number}/", {"action": "accept"})
    client.cookies["django_language"] = "en"
    html = client.get(f"/staff/work/objections/{case.number}/").content.decode()
    assert "Sept. 28, 2026" in html and "2026年9月28日" not in html
    timeline = re.search(r'<table class="cw-table" id="timeline">.*?</table>', html, re.S).group(0)
    assert "Accepted" in timeline and "受理</td>" not in timeline
