"""Every message sent to an applicant about their dossier, recorded once per event and channel,
in the transaction of the event (the outbox: `tasks.deliver` sends what is pending)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.dossiers.models import Dossier, DossierEvent


class Channel(models.TextChoices):
    EMAIL = "email", _("Thư điện tử")
    SMS = "sms", _("Tin nhắn SMS")


class Template(models.TextChoices):
    SUBMITTED = "submitted", _("Đã nộp hồ sơ")
    RECEIVED = "received", _("Đã tiếp nhận hồ sơ")
    REFUSED = "refused", _("Không tiếp nhận hồ sơ")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Yêu cầu bổ sung hồ sơ")
    PAYMENT_REQUESTED = "payment_requested", _("Yêu cầu nộp phí, lệ phí")
    APOLOGY = "apology", _("Xin lỗi và hẹn lại ngày trả")
    RESULT_READY = "result_ready", _("Có kết quả giải quyết")
    RETURNED = "returned", _("Đã trả kết quả")


class Status(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi không thành công")


class Notification(models.Model):
    """One message to one recipient about one dossier event."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.PROTECT, related_name="notifications"
    )
    event = models.ForeignKey(
        DossierEvent,
        verbose_name=_("sự kiện"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    channel = models.CharField(_("kênh"), max_length=10, choices=Channel.choices)
    recipient = models.CharField(_("người nhận"), max_length=254)
    template = models.CharField(_("mẫu tin"), max_length=30, choices=Template.choices)
    subject = models.CharField(_("tiêu đề"), max_length=255, blank=True)
    body = models.TextField(_("nội dung"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    last_error = models.CharField(_("lỗi gần nhất"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    # Set while one attempt sends the message: a second delivery task skips it meanwhile, and
    # the sweep picks it up again if that attempt's worker died (older than the lease).
    sending_since = models.DateTimeField(_("đang gửi từ"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["dossier_id", "created_at", "id"]
        constraints = [
            # The idempotency key: one message per (dossier event, channel).
            models.UniqueConstraint(fields=["event", "channel"], name="notification_once"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.template} {self.channel} {self.status}"
