"""Idempotency keys of the staff API: a retried `POST /api/v1/dossiers` carrying the same
`Idempotency-Key` gets the first answer instead of filing the dossier twice."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import Dossier


class IdempotencyKey(models.Model):
    """One accepted request, by caller and key. Written in the transaction of what the request
    created, so it exists exactly when that exists; refused requests leave no key."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gọi"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    endpoint = models.CharField(_("chức năng"), max_length=60)
    key = models.CharField(_("khóa"), max_length=255)
    request_hash = models.CharField(_("dấu vân tay yêu cầu"), max_length=64)
    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    response = models.JSONField(_("trả lời"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("khóa chống trùng lặp")
        verbose_name_plural = _("khóa chống trùng lặp")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "endpoint", "key"], name="idempotency_key_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.endpoint} {self.key}"
