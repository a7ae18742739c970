from django.urls import path

from . import views

app_name = "targets_staff"
urlpatterns = [
    path("", views.staff_terms, name="terms"),
    path("<int:term_id>/", views.staff_scorecard, name="scorecard"),
    path("<int:term_id>/bao-cao.xlsx", views.report_file, {"fmt": "xlsx"}, name="report_xlsx"),
    path("<int:term_id>/bao-cao.pdf", views.report_file, {"fmt": "pdf"}, name="report_pdf"),
    path("muc-tieu/<int:target_id>/", views.staff_target, name="target"),
    path("muc-tieu/<int:target_id>/bao-cao/", views.report, name="report"),
    path("so-lieu/<int:actual_id>/<slug:decision>/", views.decide, name="decide"),
]
