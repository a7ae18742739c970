"""Online payments of fees and charges: one row per attempt, settled by a signed callback."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import Dossier


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ thanh toán")
    PAID = "paid", _("Đã thanh toán")
    FAILED = "failed", _("Không thành công")


class PaymentPurpose(models.TextChoices):
    SUBMISSION = "submission", _("Phí, lệ phí nộp cùng hồ sơ")
    REQUEST = "request", _("Nghĩa vụ tài chính theo thông báo")


class Payment(models.Model):
    """One attempt to pay for a dossier through a provider; final once paid or failed."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="payments"
    )
    purpose = models.CharField(_("mục đích"), max_length=20, choices=PaymentPurpose.choices)
    request_seq = models.PositiveIntegerField(
        _("sự kiện yêu cầu nộp"), default=0, help_text=_("0: nộp cùng hồ sơ.")
    )
    provider = models.CharField(_("đơn vị thanh toán"), max_length=40)
    reference = models.CharField(_("mã giao dịch"), max_length=40, unique=True)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    receipt_number = models.CharField(_("số biên lai điện tử"), max_length=60, blank=True)
    provider_transaction = models.CharField(
        _("mã giao dịch của ngân hàng"), max_length=80, blank=True
    )
    failure_reason = models.CharField(_("lý do không thành công"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    settled_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    callbacks = models.PositiveIntegerField(_("số lần nhận kết quả"), default=0)

    class Meta:
        verbose_name = _("giao dịch thanh toán")
        verbose_name_plural = _("giao dịch thanh toán")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "purpose", "request_seq"],
                condition=models.Q(status="paid"),
                name="payment_paid_once_per_purpose",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="payment_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.amount} {self.status}"

    @property
    def is_final(self) -> bool:
        return self.status != PaymentStatus.PENDING
