"""The public pages, under /public/: no account needed for any of them."""

from django.urls import path

from calendars import views as calendar_views
from public import complaint_views, views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("records/", views.records, name="records"),
    path("records.json", views.records_json, name="records_json"),
    path("records.csv", views.records_csv, name="records_csv"),
    path("lookup/", views.lookup, name="lookup"),
    path("guide/", views.guide, name="guide"),
    path("guide/<slug:slug>.pdf", views.blank, name="blank"),
    path("calendar/", calendar_views.calculator, name="calendar"),
    path("complaints/new/", complaint_views.complaint_new, name="complaint_new"),
    path("complaints/<str:number>/receipt/", complaint_views.complaint_receipt, name="complaint_receipt"),
    path("complaints/<str:number>/receipt.pdf", complaint_views.complaint_receipt_pdf, name="complaint_receipt_pdf"),
]
