from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.catalogue, name="home"),
    path("thu-tuc/", views.catalogue, name="catalogue"),
    path("thu-tuc/<str:code>/", views.procedure_detail, name="procedure"),
]
