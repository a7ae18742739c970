from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetsConfig(AppConfig):
    name = "motcua.targets"
    verbose_name = _("Chỉ tiêu Nghị quyết")
