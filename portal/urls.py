from django.urls import path

from portal import objection_views, views

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
]
