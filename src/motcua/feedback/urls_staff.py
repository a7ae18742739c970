from django.urls import path

from . import views_staff as views

app_name = "feedback_staff"
urlpatterns = [
    path("", views.worklist, name="list"),
    path("qua-han/", views.overdue, name="overdue"),
    path("thong-ke/", views.statistics, name="stats"),
    path("thong-ke.xlsx", views.statistics, {"fmt": "xlsx"}, name="stats_xlsx"),
    path("tep/<int:pk>/", views.attachment, name="attachment"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/<slug:action>/", views.act, name="act"),
]
