from django.urls import path

from portal import objection_views, rectification_views, repair_views, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("records/<int:pk>/", views.record_detail, name="record_detail"),
    path("objections/new/", objection_views.objection_new, name="objection_new"),
    path("objections/<str:number>/", objection_views.objection_page, name="objection"),
    path("objections/<str:number>/supply/", objection_views.objection_supply, name="objection_supply"),
    path("objections/<str:number>/withdraw/", objection_views.objection_withdraw, name="objection_withdraw"),
    path("objections/<str:number>/letters/<int:letter_pk>/", objection_views.objection_letter,
         name="objection_letter"),
    path("objections/<str:number>/evidence/<int:evidence_pk>/", objection_views.objection_evidence,
         name="objection_evidence"),
    path("repairs/new/", repair_views.repair_new, name="repair_new"),
    path("repairs/<str:number>/", repair_views.repair_page, name="repair"),
    path("repairs/<str:number>/supply/", repair_views.repair_supply, name="repair_supply"),
    path("repairs/<str:number>/withdraw/", repair_views.repair_withdraw, name="repair_withdraw"),
    path("repairs/<str:number>/letters/<int:letter_pk>/", repair_views.repair_letter, name="repair_letter"),
    path("repairs/<str:number>/evidence/<int:evidence_pk>/", repair_views.repair_evidence, name="repair_evidence"),
    path("rectifications/", rectification_views.rectification_list, name="rectifications"),
    path("rectifications/<str:number>/", rectification_views.rectification_page, name="rectification"),
    path("rectifications/<str:number>/submit/<str:kind>/", rectification_views.rectification_submit,
         name="rectification_submit"),
    path("rectifications/<str:number>/letters/<int:letter_pk>/", rectification_views.rectification_letter,
         name="rectification_letter"),
    path("rectifications/<str:number>/evidence/<int:evidence_pk>/", rectification_views.rectification_evidence,
         name="rectification_evidence"),
]
