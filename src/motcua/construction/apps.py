from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConstructionConfig(AppConfig):
    name = "motcua.construction"
    verbose_name = _("Trật tự xây dựng")
