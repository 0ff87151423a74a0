"""The staff site's side menu, per role: one entry per kind of case; viewflow's flow pages
as 流程监控 for administrators only, reachable for everyone from a case page's 流程 link."""

import re

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

QUEUE = "/staff/work/queue/"
FLOW_ENTRIES = ["流程监控：异议办理", "流程监控：信用修复办理", "流程监控：整改办理"]


def _site_menu(html: str) -> list[str]:
    """The applications the site menu lists, by title (viewflow's page: the app's menu, the site's, the user's)."""
    menu = re.findall(r'<vf-page-menu-navigation class="mdc-list">(.*?)</vf-page-menu-navigation>', html, re.S)[1]
    return [t.strip() for t in re.findall(r'<span class="mdc-list-item__content">([^<]*)</span>', menu)]


@pytest.mark.parametrize("role, expected", [
    ({"handler": True}, ["案件办理", "信用档案"]),
    ({"supervisor": True}, ["案件办理", "监督", "信用档案"]),
    ({}, ["案件办理", "监督", "信用档案"]),  # UserFactory's default role: administrator, + 流程监控
])
def test_menu_entries_per_role(client, role, expected):
    user = UserFactory(**role)
    client.force_login(user)
    menu = _site_menu(client.get(QUEUE).content.decode())
    assert [entry for entry in menu if not entry.startswith("流程监控：")] == expected
    flows = [entry for entry in menu if entry.startswith("流程监控：")]
    if user.role == "administrator":
        assert set(FLOW_ENTRIES) <= set(flows)
    else:
        assert flows == []


def test_no_two_entries_share_a_look_alike_name_and_the_headings_are_chinese(client):
    client.force_login(UserFactory())
    page = client.get(QUEUE).content.decode()
    assert "异议案件" in page and ">异议办理<" not in page
    assert "功能" in page and "Applications" not in page


def test_a_handler_reaches_the_flow_page_from_the_case_pages_link(client, lodged):
    handler, case = lodged
    client.force_login(handler)
    page = client.get(f"/staff/work/objections/{case.number}/").content.decode()
    flow = re.search(r'<a href="([^"]+)" id="flow-link">流程</a>', page).group(1)
    response = client.get(flow)
    assert response.status_code == 200 and case.number in response.content.decode()
