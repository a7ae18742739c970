from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from motcua.api.urls import api

admin.site.site_header = _("Một Cửa — Quản trị")
admin.site.site_title = _("Một Cửa")
admin.site.index_title = _("Quản trị hệ thống")

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("api/v1/", api.urls),
    path("can-bo/phan-anh/", include("motcua.feedback.urls_staff")),
    path("can-bo/chi-tieu/", include("motcua.targets.urls_staff")),
    path("can-bo/trat-tu-xay-dung/", include("motcua.construction.urls")),
    path("can-bo/ha-tang/", include("motcua.infrastructure.urls")),
    path("can-bo/bao-mat/", include("motcua.security.urls")),
    path("can-bo/thong-ke/", include("motcua.reports.urls")),
    path("can-bo/", include("motcua.desk.urls")),
    path("phan-anh/", include("motcua.feedback.urls_public")),
    path("chi-tieu/", include("motcua.targets.urls_public")),
    path("thanh-toan/", include("motcua.payments.urls")),
    path("", include("motcua.portal.urls")),
]

handler400 = "motcua.core.views.bad_request"
handler403 = "motcua.core.views.forbidden"
handler404 = "motcua.core.views.not_found"
handler500 = "motcua.core.views.server_error"
