"""The staff UI shell: viewflow's material `Site`, in Chinese.

Handlers, supervisors and administrators land on their department's queue;
subject officers use the portal instead.
"""

import types

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from viewflow.contrib.auth import AuthViewset
from viewflow.urls import AppMenuMixin, Application, Site, Viewset

from casework import permissions
from casework.models import Role
from staff.exchange_viewsets import PlatformExchangeViewset
from staff import supervision_views
from staff.record_viewsets import CreditRecordViewset, PunishmentMeasureViewset, SubjectViewset
from staff import (
    appeal_views,
    case_views,
    complaint_views,
    objection_views,
    queue_export,
    queue_views,
    rectification_views,
    repair_views,
)
from staff import oversight_views
from staff.flow_viewsets import ScopedFlowAppViewset
from workflows.flows import AppealFlow, ComplaintFlow, ObjectionFlow, RectificationFlow, RepairFlow


def _staff_or_anonymous(user) -> bool:
    # Anonymous users pass here so that the views' login_required sends them
    # to the login page instead of a bare 403.
    return not user.is_authenticated or permissions.is_staff_role(user)


class StaffSite(Site):
    menu_template_name = "staff/site_menu.html"

    def has_view_permission(self, user, obj=None):
        return _staff_or_anonymous(user)


class QueueViewset(AppMenuMixin, Viewset):
    title = _("办理队列")
    icon = "pending_actions"
    app_name = "queue"
    index_path = path("", queue_views.department_queue, name="index")
    claim_path = path("claim/<int:task_pk>/", queue_views.claim_task, name="claim")
    release_path = path("release/<int:task_pk>/", queue_views.release_task, name="release")
    confirm_lifting_path = path("liftings/<int:lifting_pk>/confirm/", queue_views.confirm_lifting,
                                name="confirm-lifting")
    export_path = path("export.<str:fmt>", queue_export.queue_export, name="export")


class NotificationsViewset(AppMenuMixin, Viewset):
    title = _("通知")
    icon = "notifications"
    app_name = "notifications"
    index_path = path("", supervision_views.notification_list, name="index")
    read_path = path("read/", supervision_views.notification_read, name="read")


def _case_pages(*, title, icon, app_name: str, views, kind: str, index=queue_views.department_queue,
                **more_paths) -> Viewset:
    """The menu entry of one case kind: its index (the department queue unless said), `more_paths`,
    then the case page and its evidence and letter files, the views `<kind>_case_page`,
    `<kind>_evidence_file` and `<kind>_letter_file` of `views`. viewflow reads the `*_path`
    attributes in order, so `more_paths` (e.g. `new/`) come before `<number>/`."""
    attrs = {
        "title": title,
        "icon": icon,
        "app_name": app_name,
        "index_path": path("", index, name="index"),
        **more_paths,
        "case_path": path("<str:number>/", getattr(views, f"{kind}_case_page"), name="case"),
        "evidence_path": path("<str:number>/evidence/<int:pk>/", getattr(views, f"{kind}_evidence_file"),
                              name="evidence"),
        "letter_path": path("<str:number>/letters/<int:pk>/", getattr(views, f"{kind}_letter_file"), name="letter"),
        # A 督办 on the case: its 督办函 and the department's written answer.
        "oversight_letter_path": path("<str:number>/oversights/<int:oversight_pk>/letter/",
                                      oversight_views.oversight_case_letter(kind), name="oversight_letter"),
        "oversight_answer_path": path("<str:number>/oversights/<int:oversight_pk>/answer/",
                                      oversight_views.oversight_case_answer(kind), name="oversight_answer"),
        # The letter a draft would issue, watermarked 草稿 (拟稿 → 审核 → 签发): every kind alike.
        "letter_draft_path": path("<str:number>/letters/draft.pdf", case_views.draft_file(kind), name="letter_draft"),
    }
    # types.new_class runs viewflow's ViewsetMeta, which collects the paths as a class statement would.
    viewset = types.new_class(f"{kind.title()}CasesViewset", (AppMenuMixin, Viewset),
                              exec_body=lambda namespace: namespace.update(attrs))
    return viewset()


class OversightViewset(AppMenuMixin, Viewset):
    title = _("督办看板")
    icon = "monitoring"
    app_name = "oversight"
    index_path = path("", supervision_views.dashboard, name="index")
    list_path = path("list/", supervision_views.dashboard_cases, name="list")
    reports_path = path("reports/", supervision_views.report_list, name="reports")
    report_status_path = path("reports/<int:pk>/status.json", supervision_views.report_status, name="report_status")
    report_file_path = path("reports/<int:pk>/<str:fmt>", supervision_views.report_file, name="report_file")
    oversights_path = path("oversights/", oversight_views.oversight_list, name="oversights")
    oversight_new_path = path("oversights/new/<int:deadline_pk>/", oversight_views.oversight_new,
                              name="oversight_new")
    oversight_path = path("oversights/<int:oversight_pk>/", oversight_views.oversight_detail, name="oversight")
    oversight_letter_path = path("oversights/<int:oversight_pk>/letter/", oversight_views.oversight_letter_file,
                                 name="oversight_letter")


def _supervisor_or_anonymous(user) -> bool:
    return not user.is_authenticated or user.is_superuser or user.role in (Role.SUPERVISOR, Role.ADMINISTRATOR)


oversight_app = Application(
    title=_("监督"),
    icon="visibility",
    app_name="oversight_app",
    permission=_supervisor_or_anonymous,
    viewsets=[OversightViewset(), PlatformExchangeViewset()],
)

casework_app = Application(
    title=_("案件办理"),
    icon="work",
    app_name="work",
    permission=_staff_or_anonymous,
    viewsets=[
        QueueViewset(),
        _case_pages(title=_("异议案件"), icon="rule", app_name="objections", views=objection_views,
                    kind="objection"),
        _case_pages(title=_("信用修复"), icon="healing", app_name="repairs", views=repair_views, kind="repair"),
        _case_pages(title=_("整改"), icon="assignment_late", app_name="rectifications", views=rectification_views,
                    kind="rectification", index=rectification_views.rectification_list,
                    new_path=path("new/", rectification_views.rectification_new, name="new")),
        _case_pages(title=_("投诉举报"), icon="campaign", app_name="complaints", views=complaint_views,
                    kind="complaint"),
        _case_pages(title=_("信用修复申诉"), icon="gavel", app_name="appeals", views=appeal_views, kind="appeal"),
        NotificationsViewset(),
    ],
)

credit_files = Application(
    title=_("信用档案"),
    icon="folder",
    app_name="files",
    permission=_staff_or_anonymous,
    viewsets=[CreditRecordViewset(), PunishmentMeasureViewset(), SubjectViewset()],
)

def _administrator(user) -> bool:
    return user.is_superuser or user.role == Role.ADMINISTRATOR


class FlowMonitorViewset(ScopedFlowAppViewset):
    """viewflow's own pages of a flow (processes, tasks, chart), narrowed to the cases the user may see.

    Handlers act on the queue and the case pages (异议案件 …); a second menu entry of the
    same name for the same cases confused them. So the menu lists these pages as
    流程监控 for administrators only; for everyone the pages stay reachable from the
    queue's task links and a case page's 流程 link.
    """

    @property
    def title(self):
        return _("流程监控：%(flow)s") % {"flow": self._flow_class.process_title}

    def menu_for(self, user) -> bool:
        return _administrator(user)


objection_flow = FlowMonitorViewset(ObjectionFlow, icon="account_tree")
repair_flow = FlowMonitorViewset(RepairFlow, icon="account_tree")
rectification_flow = FlowMonitorViewset(RectificationFlow, icon="account_tree")
complaint_flow = FlowMonitorViewset(ComplaintFlow, icon="account_tree")
appeal_flow = FlowMonitorViewset(AppealFlow, icon="account_tree")

site = StaffSite(
    title=_("政务诚信异议·整改·修复"),
    primary_color="#b71c1c",
    secondary_color="#7f0000",
    viewsets=[casework_app, oversight_app, objection_flow, repair_flow, rectification_flow, complaint_flow,
              appeal_flow, credit_files],
)
auth = AuthViewset(with_profile_view=False)


def queue_url() -> str:
    return reverse("work:queue:index")


def case_url(number: str) -> str:
    return reverse("work:objections:case", args=[number])
