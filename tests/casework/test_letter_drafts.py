"""The draft's own steps (casework.services.letter_drafts): withdrawal by its drafter only, a second
draft refused while one is open, a withdrawn draft's case free for a new one."""

import pytest

from casework.errors import NotPermittedError
from casework.models import DraftStatus, LetterDraft
from casework.services.letter_drafts import case_open_draft, letter_draft_submit, letter_draft_withdraw
from tests.factories import CreditRecordFactory, DepartmentFactory, UserFactory
from workflows.objection_actions import objection_lodge

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafted(at):
    department = DepartmentFactory(one_step_letter_kinds=[])
    record = CreditRecordFactory(determined_by=department)
    case = objection_lodge(record=record, grounds="款项已付清，记录与事实不符，请核查。", channel="department",
                           acting_user=UserFactory(subject_officer=True, subject=record.subject))
    drafter = UserFactory(handler=True, department=department)
    draft = letter_draft_submit(case=case, action="reject", action_label="不予受理", letter_kind="non_acceptance_notice",
                                payload={"reason": "no_grounds"}, acting_user=drafter)
    return case, draft, drafter, UserFactory(handler=True, department=department, may_review=True)


def test_only_the_drafter_withdraws_and_the_case_is_free_again(drafted):
    case, draft, drafter, reviewer = drafted
    with pytest.raises(NotPermittedError):
        letter_draft_withdraw(draft=draft, acting_user=reviewer)
    letter_draft_withdraw(draft=draft, comment="改为受理。", acting_user=drafter)
    assert LetterDraft.objects.get(pk=draft.pk).status == DraftStatus.WITHDRAWN
    assert case_open_draft(case) is None
    again = letter_draft_submit(case=case, action="reject", action_label="不予受理",
                                letter_kind="non_acceptance_notice", payload={"reason": "no_grounds"},
                                acting_user=drafter)
    assert case_open_draft(case) == again and again.comments.count() == 0
    assert draft.comments.get().text == "改为受理。"  # the withdrawn draft keeps its comment
