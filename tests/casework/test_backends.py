"""Every case kind's flow opens its pages to staff: a kind added without its view permission
would answer 403 on its flow and task pages (the appeal flow once did)."""

from casework.backends import FLOW_VIEW_PERMISSIONS
from workflows.flows import CaseFlow


def test_every_case_flow_has_its_view_permission_granted_to_staff():
    wanted = set()
    for flow_class in CaseFlow.__subclasses__():
        meta = flow_class.process_class._meta
        wanted.add(f"{meta.app_label}.view_{meta.model_name}")
    assert wanted and wanted <= set(FLOW_VIEW_PERMISSIONS)
