from django.urls import path

from . import views

app_name = "desk"
urlpatterns = [
    path("dang-nhap/", views.StaffLoginView.as_view(), name="login"),
    path("dang-xuat/", views.staff_logout, name="logout"),
    path("", views.home, name="home"),
]
