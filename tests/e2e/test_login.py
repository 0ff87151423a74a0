"""Each role logs in through the real login page and lands on its own start page."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def _fill_login(page, base, username, password):
    page.goto(f"{base}/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)


def _log_in(page, base, username, password="demo"):
    _fill_login(page, base, username, password)
    with page.expect_navigation():
        page.click("#login-form button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_subject_officer_lands_on_the_portal(page, demo_site):
    _log_in(page, demo_site, "subject")
    assert page.url.endswith("/portal/")
    assert page.locator("h1").inner_text() == "农安县人民政府"
    from casework.models import Subject

    # Every record of the subject is listed (the demo gives it more than one, some still free to object to).
    rows = page.locator("#records tbody tr")
    assert rows.count() == Subject.objects.get(name="农安县人民政府").records.count() > 1
    rows.first.locator("td:first-child a").click()
    page.wait_for_url("**/portal/records/*/")
    assert page.locator("#measures tbody tr").count() >= 2


@pytest.mark.parametrize("username", ["handler", "supervisor", "admin"])
def test_staff_roles_land_on_the_staff_site(page, demo_site, username):
    _log_in(page, demo_site, username)
    assert "/staff/work/queue/" in page.url
    assert page.get_by_text("办理队列").first.is_visible()
    page.goto(f"{demo_site}/staff/files/creditrecord/")
    body = page.content()
    # The handler (长春市财政局) sees its own records, not 延吉's.
    if username == "handler":
        assert "长春市财政局" in body and "延吉市人民政府" not in body


def test_wrong_password_is_refused_in_chinese(page, demo_site):
    _fill_login(page, demo_site, "subject", "wrong")
    page.click("#login-form button[type=submit]")
    # viewflow's frontend (Turbo) re-renders the form in place on a 422.
    page.get_by_text("请输入一个正确的").wait_for()
    assert "/accounts/login/" in page.url
