from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfrastructureConfig(AppConfig):
    name = "motcua.infrastructure"
    verbose_name = _("Hạ tầng xã hội phường")
