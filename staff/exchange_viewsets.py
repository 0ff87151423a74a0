"""The operations page as a viewset of the staff site (workflows/site.py mounts it)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import AppMenuMixin, Viewset

from exchange import selectors
from staff import exchange_views as views


class PlatformExchangeViewset(AppMenuMixin, Viewset):
    title = _("省级平台报送")
    icon = "cloud_upload"
    app_name = "exchange"
    index_path = path("", views.operations, name="index")
    retry_path = path("<int:pk>/retry/", views.retry, name="retry")

    def has_view_permission(self, user, obj=None):
        # In the menu for administrators and supervisors only; the views check again.
        return not user.is_authenticated or selectors.user_may_see_operations(user)
