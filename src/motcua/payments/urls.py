from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("ho-so/<str:code>/", views.start, name="start"),
    path("ket-qua/<str:provider>/", views.payment_return, name="return"),
    path("thong-bao/<str:provider>/", views.callback, name="callback"),
    path("mo-phong/", views.simulator, name="simulator"),
]
