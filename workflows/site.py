"""The staff UI shell: viewflow's material `Site`, in Chinese.

Handlers, supervisors and administrators land here; subject officers use the
portal instead. Flows and dashboards join this site as they are built.
"""

from django.utils.translation import gettext_lazy as _
from viewflow.contrib.auth import AuthViewset
from viewflow.urls import Application, Site

from casework import permissions
from casework.viewsets import CreditRecordViewset, PunishmentMeasureViewset, SubjectViewset


def _staff_or_anonymous(user) -> bool:
    # Anonymous users pass here so that the views' login_required sends them
    # to the login page instead of a bare 403.
    return not user.is_authenticated or permissions.is_staff_role(user)


class StaffSite(Site):
    def has_view_permission(self, user, obj=None):
        return _staff_or_anonymous(user)


credit_files = Application(
    title=_("信用档案"),
    icon="folder",
    app_name="files",
    permission=_staff_or_anonymous,
    viewsets=[CreditRecordViewset(), PunishmentMeasureViewset(), SubjectViewset()],
)

site = StaffSite(title=_("政务诚信异议·整改·修复"), viewsets=[credit_files])
auth = AuthViewset(with_profile_view=False)
