"""Appeals against a repair decision in the flows: the process follows the appeal from the office's
acceptance review to its decision; who may take which step; the decision names its letter."""

import pytest
from viewflow.workflow.status import STATUS

from casework.models import AppealStatus
from tests.flow_steps import open_nodes, step
from workflows.actions import action_named, allowed_action_names
from workflows.appeal_actions import repair_appeal_lodge
from workflows.case_flow import process_for

pytestmark = pytest.mark.django_db
GROUNDS = "拖欠款项已于2026年8月全部付清，决定书认定未挽回损失与事实不符。"


def _lodge(world):
    return repair_appeal_lodge(repair=world["repair"], grounds=GROUNDS, acting_user=world["officer"])


def test_the_flow_follows_the_appeal_from_review_to_the_decision(appeal_world):
    world = appeal_world
    case = _lodge(world)
    assert open_nodes(case) == ["review"]
    assert allowed_action_names(case, world["handler"]) == ["accept", "not-accept"]
    assert allowed_action_names(case, world["officer"]) == ["withdraw"]
    assert allowed_action_names(case, world["determining"]) == []
    step(case, "accept", world["handler"], reason="予以受理。")
    assert case.status == AppealStatus.REVIEWING and open_nodes(case) == ["decide"]
    assert allowed_action_names(case, world["handler"]) == ["decide"]
    step(case, "decide", world["handler"], outcome="partly", reasons="欠款付清属实，其余理由不能成立。")
    assert case.status == AppealStatus.DECIDED and process_for(case).status == STATUS.DONE


def test_not_accepted_and_withdrawn_appeals_end_their_process(appeal_world):
    world = appeal_world
    case = _lodge(world)
    step(case, "not-accept", world["handler"], reason="不属于对信用修复决定的异议。")
    assert case.status == AppealStatus.NOT_ACCEPTED and process_for(case).status == STATUS.DONE
    again = _lodge(world)
    step(again, "withdraw", world["officer"], reason="已沟通。")
    assert again.status == AppealStatus.WITHDRAWN and process_for(again).status == STATUS.DONE


def test_the_decision_names_the_letter_its_sign_off_reads(appeal_world):
    case = _lodge(appeal_world)
    decide = action_named(case, "decide")
    assert decide.letter_kind == "appeal_decision" and decide.confirm
    assert action_named(case, "withdraw").by_subject
