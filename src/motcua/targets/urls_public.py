from django.urls import path

from . import views

app_name = "targets"
urlpatterns = [
    path("", views.public_terms, name="terms"),
    path("<int:term_id>/", views.public_scorecard, name="scorecard"),
    path("muc-tieu/<int:target_id>/", views.public_target, name="target"),
]
