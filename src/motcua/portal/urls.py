from django.urls import path

from . import accounts, apply, lookup, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("thu-tuc/", views.catalogue, name="catalogue"),
    path("thu-tuc/<str:code>/", views.procedure_detail, name="procedure"),
    path("nop-truc-tuyen/<str:code>/", apply.applicant_step, name="apply"),
    path("nop-truc-tuyen/<str:code>/tep/", apply.files_step, name="apply_files"),
    path("nop-truc-tuyen/<str:code>/xac-nhan/", apply.review_step, name="apply_review"),
    path("da-nop/<str:code>/", apply.done, name="apply_done"),
    path("tra-cuu/", lookup.lookup, name="lookup"),
    path("tra-cuu/<str:code>/bo-sung/", lookup.supplement, name="supplement"),
    path("tra-cuu/<str:code>/danh-gia/", lookup.rate, name="rate"),
    path("tra-cuu/<str:code>/ket-qua/", lookup.result_file, name="result_file"),
    path("tra-cuu/<str:code>/tep/<int:file_id>/", lookup.dossier_file, name="dossier_file"),
    path("danh-gia/<str:token>/", lookup.rate_by_link, name="rate_by_link"),
    path("tai-khoan/dang-ky/", accounts.sign_up, name="sign_up"),
    path("tai-khoan/dang-nhap/", accounts.SignInView.as_view(), name="sign_in"),
    path("tai-khoan/dang-xuat/", accounts.sign_out, name="sign_out"),
    path("tai-khoan/ho-so/", accounts.my_dossiers, name="my_dossiers"),
]
