"""Slips as issued: the PDF of each version of a dossier's slip, kept from its first printing."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import Dossier, SlipKind


class IssuedSlip(models.Model):
    """The PDF bytes of one slip of one dossier, for one version of what it prints.

    `digest` is the SHA-256 of the slip's HTML (its content, paper and form): a slip whose
    content changes (a new appointment date, another step) has a new digest and is printed
    again; an unchanged slip is served from here, byte for byte the same file.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="+", db_index=False)
    kind = models.CharField(_("loại phiếu"), max_length=30, choices=SlipKind.choices)
    digest = models.CharField(_("mã băm nội dung"), max_length=64)
    pdf = models.BinaryField(_("tệp PDF"))
    issued_at = models.DateTimeField(_("thời điểm in lần đầu"), default=timezone.now)

    class Meta:
        verbose_name = _("phiếu đã in")
        verbose_name_plural = _("phiếu đã in")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "kind", "digest"], name="issued_slip_once_per_content"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind} {self.digest[:12]}"
