from django.urls import path

from . import views_public as views

app_name = "feedback"
urlpatterns = [
    path("", views.index, name="index"),
    path("gui/", views.send, name="send"),
    path("ma-xac-nhan/<str:token>/", views.captcha_image, name="captcha"),
    path("tra-cuu/", views.follow, name="follow"),
    path("tra-cuu/<str:code>/", views.follow_detail, name="follow_detail"),
    path("tra-cuu/<str:code>/bo-sung/", views.supplement, name="supplement"),
    path("tra-cuu/<str:code>/tep/<int:pk>/", views.citizen_attachment, name="attachment"),
    path("cong-khai/<str:code>/", views.answer_detail, name="answer"),
    path("cong-khai/<str:code>/danh-gia/", views.vote, name="vote"),
]
