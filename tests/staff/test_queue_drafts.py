"""The queue shows the department's drafts, what each waits for, and marks those waiting for the viewer."""

import pytest

from casework.services.letter_drafts import letter_draft_approve
from tests.staff.conftest import DECISION
from workflows.actions import act

pytestmark = pytest.mark.django_db

QUEUE = "/staff/work/queue/"


def _row(page, number):
    start = page.index(f'<tr data-case="{number}" data-draft-status')
    return page[start:page.index("</tr>", start)]


def test_a_draft_waits_for_the_reviewer_then_the_signer(client, signoff_desk):
    draft = act(case=signoff_desk["case"], action="decide", acting_user=signoff_desk["handler"], payload=DECISION)
    number = signoff_desk["case"].number
    client.force_login(signoff_desk["reviewer"])
    page = client.get(QUEUE).content.decode()
    row = _row(page, number)
    assert "待审核" in row and "审核人" in row and "待我办理" in row
    assert f'data-draft="{number}"' in page and "文书待审核" in page  # the task row says so too
    client.force_login(signoff_desk["signer"])
    assert "待我办理" not in _row(client.get(QUEUE).content.decode(), number)
    letter_draft_approve(draft=draft, acting_user=signoff_desk["reviewer"])
    row = _row(client.get(QUEUE).content.decode(), number)
    assert "待签发" in row and "签发人" in row and "待我办理" in row


def test_another_department_sees_none_of_the_drafts(client, signoff_desk):
    from tests.factories import UserFactory

    act(case=signoff_desk["case"], action="decide", acting_user=signoff_desk["handler"], payload=DECISION)
    client.force_login(UserFactory(handler=True, may_review=True))
    page = client.get(QUEUE).content.decode()
    assert 'id="draft-queue"' not in page and signoff_desk["case"].number not in page
