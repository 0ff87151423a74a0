"""The guide: time limits from the settings the deadlines use, and the blank forms as PDF."""

import pytest
from django.urls import reverse

from letters.blanks import BLANKS

pytestmark = pytest.mark.django_db


def test_the_guide_reads_its_time_limits_from_the_deadline_settings(client, settings):
    page = client.get(reverse("public:guide")).content.decode()
    assert "<strong>15</strong> 个工作日内书面答复" in page
    assert "36 个月" in page  # 严重: at most 3 years
    settings.CASEWORK_LIMITS = {**settings.CASEWORK_LIMITS, "objection_reply_working_days": 12,
                                "publication_max_months_serious": 24}
    page = client.get(reverse("public:guide")).content.decode()
    assert "<strong>12</strong> 个工作日内书面答复" in page and "24 个月" in page and "36 个月" not in page


def test_the_guide_offers_the_three_blank_forms_as_pdf(client):
    page = client.get(reverse("public:guide")).content.decode()
    for slug, blank in BLANKS.items():
        assert blank.title in page
        response = client.get(reverse("public:blank", args=[slug]))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
    assert client.get(reverse("public:blank", args=["no-such-form"])).status_code == 404


def test_the_complaint_section_links_the_complaint_form_once_it_exists(client):
    from django.urls import NoReverseMatch

    page = client.get(reverse("public:guide")).content.decode()
    assert 'id="complaint"' in page
    try:
        form = reverse("public:complaint_new")
    except NoReverseMatch:
        assert "即将开通" in page
    else:
        assert f'href="{form}"' in page and "即将开通" not in page


def test_the_complaint_time_limits_are_the_ones_complaint_deadlines_use(client, settings):
    page = client.get(reverse("public:guide")).content.decode()
    assert "收到投诉之日起5个工作日内决定是否受理" in page and "在15个工作日内反馈" in page
    settings.CASEWORK_LIMITS = {**settings.CASEWORK_LIMITS, "complaint_acceptance_working_days": 3,
                                "complaint_transfer_working_days": 10}
    page = client.get(reverse("public:guide")).content.decode()
    assert "收到投诉之日起3个工作日内决定是否受理" in page and "在10个工作日内反馈" in page
