from django.urls import path

from . import views

app_name = "infrastructure"
urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("ma-tran.xlsx", views.matrix_export, name="matrix_xlsx"),
    path("loai/", views.kinds, name="kinds"),
    path("phuong/<slug:code>/", views.ward_page, name="ward"),
    path("phuong/<slug:code>/cong-trinh/", views.facility_new, name="facility_new"),
    path("phuong/<slug:code>/to-dan-pho/", views.groups, name="groups"),
    path("phuong/<slug:code>/yeu-cau/", views.requirement, name="requirement"),
    path("cong-trinh/<int:pk>/sua/", views.facility_edit, name="facility_edit"),
]
