from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("bang/<slug:group>.xlsx", views.table_xlsx, name="table_xlsx"),
    path("ho-so/", views.dossiers, name="dossiers"),
    path("bo-chi-so/", views.scorecard, name="scorecard"),
    path("bo-chi-so.xlsx", views.scorecard_file, {"fmt": "xlsx"}, name="scorecard_xlsx"),
    path("bo-chi-so.pdf", views.scorecard_file, {"fmt": "pdf"}, name="scorecard_pdf"),
]
