"""The quarterly report's progress bar in a real browser: the form is submitted through Turbo
(viewflow's frontend), the bar moves while the worker generates, reaches 已完成 and the download
links appear in the row, with no reload of the page."""

import pytest

from tests.e2e.sign_in import sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def queued_reports(monkeypatch):
    """The worker's queue: tests run huey in immediate mode, which would generate the report inside
    the request; here a request only queues its id, and `run_worker` then runs the real task."""
    from supervision import tasks

    queue, task = [], tasks.report_generate_task
    monkeypatch.setattr(tasks, "report_generate_task", queue.append)
    return queue, task


def run_worker(queued):
    queue, task = queued
    while queue:
        task.call_local(queue.pop(0))


def test_the_bar_reaches_done_and_the_files_appear_without_a_reload(page, demo_site, queued_reports):
    from supervision.models import SupervisionReport

    sign_in_as(page, demo_site, "supervisor")
    page.goto(f"{demo_site}/staff/oversight_app/oversight/reports/")
    page.select_option("select[name=kind]", "quarterly")
    page.select_option("select[name=jurisdiction]", index=1)
    page.fill("input[name=year]", "2026")
    page.fill("input[name=part]", "3")
    page.click("form.cw-action button[type=submit]")
    page.get_by_text("报告已提交后台生成").wait_for()
    report = SupervisionReport.objects.latest("pk")
    row = page.locator(f'#reports tr[data-report="{report.pk}"]')
    row.locator(".sv-status", has_text="排队中").wait_for()
    assert page.evaluate("document.documentElement.hasAttribute('data-turbo-preview') || !!window.Turbo")
    page.evaluate("window.stillTheSamePage = true")  # a reload would forget it
    documents = []
    page.on("request", lambda r: documents.append(r.url) if r.resource_type in ("document", "fetch")
            and "status.json" not in r.url else None)

    run_worker(queued_reports)
    report.refresh_from_db()
    assert report.status == "done"

    row.locator(".sv-status", has_text="已完成").wait_for()
    assert row.locator("progress").evaluate("p => p.value") == 100
    links = row.locator(".sv-files a")
    links.filter(has_text="PDF").wait_for()
    assert [links.nth(i).inner_text() for i in range(2)] == ["CSV", "XLSX"]
    assert page.evaluate("window.stillTheSamePage") is True
    assert documents == []
    with page.expect_download() as download:
        links.filter(has_text="XLSX").click()
    assert download.value.suggested_filename.endswith(".xlsx")
