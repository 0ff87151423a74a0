"""The actions of every case kind, declared once: the declaration is consistent with the
models, the forms and the services, and `allowed_actions` reads it for every caller."""

import inspect

import pytest
from django.utils.module_loading import import_string

from casework.models import ObjectionCase, ObjectionStatus
from workflows.actions import ACTIONS, CaseFacts, action_named, allowed_action_names, allowed_actions

pytestmark = pytest.mark.django_db

ALL = [(model, action) for model, actions in ACTIONS.items() for action in actions]


@pytest.mark.parametrize(("model", "action"), ALL, ids=lambda v: getattr(v, "name", getattr(v, "__name__", "")))
def test_each_action_is_declared_consistently(model, action):
    transitions = {t.name for t in model().get_all_status_transitions()}
    assert (action.transition is None) != (action.available is None), "a transition or an availability rule"
    if action.transition:
        assert action.transition in transitions
    if action.form:
        import_string(action.form)  # the staff form exists where the declaration says
    if action.confirm:
        assert action.consequence, "an irreversible action says what it does"
    service = getattr(action.service, "func", action.service)
    parameters = inspect.signature(service).parameters
    assert {"case", "acting_user"} <= set(parameters)
    assert set(action.accepts) <= set(parameters), action.name


def test_names_are_unique_per_kind():
    for actions in ACTIONS.values():
        assert len({a.name for a in actions}) == len(actions)


def test_irreversible_steps_ask_for_confirmation():
    def confirm(model, name):
        return action_named(model(), name).confirm

    assert confirm(ObjectionCase, "reject") and confirm(ObjectionCase, "decide")
    assert confirm(ObjectionCase, "confirm-lifting") and confirm(ObjectionCase, "withdraw")
    assert not confirm(ObjectionCase, "accept") and not confirm(ObjectionCase, "request-materials")


@pytest.fixture
def lodged(two_department_record, lodged_objection):
    return lodged_objection, two_department_record


def test_allowed_actions_follow_the_transitions_the_user_may_take(lodged):
    case, world = lodged
    assert case.status == ObjectionStatus.LODGED
    assert allowed_action_names(case, world["handler"]) == ["accept", "reject", "request-materials"]
    assert allowed_action_names(case, world["officer"]) == ["withdraw"]
    assert allowed_action_names(case, world["other"]) == []
    assert [a.label for a in allowed_actions(case, world["handler"])] == ["受理并转入核查", "不予受理", "要求补正材料"]


def test_facts_already_read_are_not_read_again(lodged, django_assert_num_queries):
    case, world = lodged
    facts = CaseFacts(case, report=None, liftings=[])
    with django_assert_num_queries(0):
        assert [a.name for a in ACTIONS[ObjectionCase] if a.available and a.available(case, world["handler"], facts)] == []
