from django.urls import path

from . import views

app_name = "security"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("xac-thuc/", views.verify, name="verify"),
    path("dang-ky-xac-thuc/", views.enrol, name="enrol"),
    path("thiet-bi/go/", views.remove_device, name="remove_device"),
    path("khoa-truy-cap/", views.create_token, name="create_token"),
    path("khoa-truy-cap/<int:token_id>/thu-hoi/", views.revoke_token, name="revoke_token"),
    path("mat-khau/quen/", views.PasswordResetView.as_view(), name="password_reset"),
    path("mat-khau/da-gui/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "mat-khau/dat-lai/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "mat-khau/xong/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
