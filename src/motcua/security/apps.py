from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "motcua.security"
    verbose_name = _("Bảo mật và nhật ký kiểm toán")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the audit and session receivers)
