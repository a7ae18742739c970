from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "motcua.core"
    verbose_name = _("Nền tảng")

    def ready(self):
        from . import checks  # noqa: F401  (registers the database checks)
