from django.urls import path

from . import views

app_name = "construction"
urlpatterns = [
    path("", views.site_list, name="sites"),
    path("cong-trinh/moi/", views.site_new, name="site_new"),
    path("cong-trinh/<int:pk>/", views.site_detail, name="site"),
    path("cong-trinh/<int:pk>/sua/", views.site_edit, name="site_edit"),
    path("cong-trinh/<int:pk>/tinh-trang/", views.site_status, name="site_status"),
    path("cong-trinh/<int:pk>/giay-phep/", views.site_permit, name="site_permit"),
    path("cong-trinh/<int:pk>/kiem-tra/", views.inspection_plan, name="inspection_plan"),
    path(
        "cong-trinh/<int:pk>/kiem-tra/ket-qua/", views.inspection_record, name="inspection_record"
    ),
    path("cong-trinh/<int:pk>/kiem-tra/anh/", views.photo_upload, name="photo_upload"),
    path("cong-trinh/<int:pk>/vi-pham/", views.violation_new, name="violation_new"),
    path(
        "cong-trinh/<int:pk>/vi-pham/quyet-dinh/", views.violation_decide, name="violation_decide"
    ),
    path("cong-trinh/<int:pk>/vi-pham/ket-thuc/", views.violation_close, name="violation_close"),
    path("anh/<int:pk>/", views.photo, name="photo"),
    path("kiem-tra-qua-han/", views.overdue, name="overdue"),
    path("vi-pham/", views.violation_list, name="violations"),
    path("thong-ke/", views.stats, name="stats"),
    path("thong-ke.xlsx", views.stats_xlsx, name="stats_xlsx"),
    path("thong-ke.svg", views.stats_svg, name="stats_svg"),
]
