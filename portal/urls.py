from django.urls import path

from portal import appeal_views, objection_views, rectification_views, repair_views, views


def _case_urls(prefix: str, name: str, kind_views, *, steps=("supply", "withdraw")) -> list:
    """A case kind's page, its `steps` and its files (portal.case_pages.case_views), under
    /portal/<prefix>/<number>/."""
    return [
        path(f"{prefix}/<str:number>/", kind_views.page, name=name),
        *(path(f"{prefix}/<str:number>/{step}/", getattr(kind_views, step), name=f"{name}_{step}")
          for step in steps),
        path(f"{prefix}/<str:number>/letters/<int:letter_pk>/", kind_views.letter, name=f"{name}_letter"),
        path(f"{prefix}/<str:number>/evidence/<int:evidence_pk>/", kind_views.evidence, name=f"{name}_evidence"),
    ]


app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("records/<int:pk>/", views.record_detail, name="record_detail"),
    path("records/<int:pk>/repair-notice/", views.record_repair_notice, name="record_repair_notice"),
    path("objections/new/", objection_views.objection_new, name="objection_new"),
    *_case_urls("objections", "objection", objection_views.objection_case),
    path("repairs/new/", repair_views.repair_new, name="repair_new"),
    *_case_urls("repairs", "repair", repair_views.repair_case),
    path("repairs/<str:number>/appeal/", appeal_views.appeal_new, name="appeal_new"),
    # No supply step: an appeal asks for no materials after it is lodged.
    *_case_urls("appeals", "appeal", appeal_views.appeal_case, steps=("withdraw",)),
    path("rectifications/", rectification_views.rectification_list, name="rectifications"),
    path("rectifications/<str:number>/", rectification_views.rectification_page, name="rectification"),
    path("rectifications/<str:number>/submit/<str:kind>/", rectification_views.rectification_submit,
         name="rectification_submit"),
    path("rectifications/<str:number>/letters/<int:letter_pk>/", rectification_views.rectification_letter,
         name="rectification_letter"),
    path("rectifications/<str:number>/evidence/<int:evidence_pk>/", rectification_views.rectification_evidence,
         name="rectification_evidence"),
]
