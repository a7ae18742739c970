from django.urls import path

from . import dossier_views, receive, views, worklists

app_name = "desk"
urlpatterns = [
    path("dang-nhap/", views.StaffLoginView.as_view(), name="login"),
    path("dang-xuat/", views.staff_logout, name="logout"),
    path("tiep-nhan/", receive.receive_page, name="receive"),
    path("tiep-nhan/thu-tuc/", receive.procedure_suggestions, name="procedure_suggestions"),
    path("tiep-nhan/kiem-tra/", receive.completeness, name="completeness"),
    path("ho-so/", worklists.worklist_page, name="worklist"),
    path("ho-so/<str:code>/", dossier_views.dossier_page, name="dossier"),
    path(
        "ho-so/<str:code>/thao-tac/<str:action>/",
        dossier_views.dossier_action,
        name="dossier_action",
    ),
    path("ho-so/<str:code>/phieu/<str:slip>.pdf", dossier_views.dossier_slip, name="slip"),
    path("lanh-dao/", worklists.leader_page, name="leader"),
    path("", views.home, name="home"),
]
