"""Citizen feedback (phản ánh, kiến nghị, DOMAIN §10): items, their append-only history,
attachments, votes on published answers, the daily code counter and captcha challenges."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class FeedbackStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận, chờ xử lý")
    REFUSED = "refused", _("Không tiếp nhận")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Yêu cầu bổ sung thông tin")
    PROCESSING = "processing", _("Đang xử lý")
    ANSWERED = "answered", _("Đã trả lời")
    PUBLISHED = "published", _("Đã công khai")


OPEN_STATUSES = (
    FeedbackStatus.RECEIVED,
    FeedbackStatus.SUPPLEMENT_REQUESTED,
    FeedbackStatus.PROCESSING,
)
CLOSED_STATUSES = (FeedbackStatus.REFUSED, FeedbackStatus.ANSWERED, FeedbackStatus.PUBLISHED)


class SubjectKind(models.TextChoices):
    DOSSIER = "dossier", _("Hồ sơ thủ tục hành chính")
    PROCEDURE = "procedure", _("Thủ tục hành chính")
    UNIT = "unit", _("Cơ quan, đơn vị")
    GENERAL = "general", _("Vấn đề chung")


class Feedback(models.Model):
    """One citizen's feedback. Status, unit and deadlines are denormalised from its events."""

    code = models.CharField(_("mã phản ánh"), max_length=30, unique=True)
    name = models.CharField(_("họ tên"), max_length=120)
    phone = models.CharField(_("điện thoại"), max_length=20, db_index=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    title = models.CharField(_("tiêu đề"), max_length=200)
    content = models.TextField(_("nội dung"))
    subject_kind = models.CharField(
        _("đối tượng phản ánh"), max_length=20, choices=SubjectKind.choices
    )
    subject_unit = models.ForeignKey(
        "organization.Unit",
        verbose_name=_("đơn vị bị phản ánh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    procedure = models.ForeignKey(
        "catalog.Procedure",
        verbose_name=_("thủ tục"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback",
    )
    dossier_code = models.CharField(_("mã hồ sơ"), max_length=40, blank=True)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback",
    )
    allow_publish = models.BooleanField(_("đồng ý công khai"), default=True)
    status = models.CharField(
        _("trạng thái"), max_length=30, choices=FeedbackStatus.choices, db_index=True
    )
    unit = models.ForeignKey(
        "organization.Unit",
        verbose_name=_("đơn vị xử lý"),
        on_delete=models.PROTECT,
        related_name="feedback",
        db_index=False,
    )
    sent_at = models.DateTimeField(_("thời điểm gửi"), db_index=True)
    routed_on = models.DateField(_("ngày bắt đầu tính hạn"))
    refuse_due = models.DateField(_("hạn từ chối"))
    supplement_due = models.DateField(_("hạn yêu cầu bổ sung"))
    answer_due = models.DateField(_("hạn trả lời"), db_index=True)
    publish_due = models.DateField(_("hạn công khai"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("thời điểm thụ lý"), null=True, blank=True)
    supplement_requested_at = models.DateTimeField(null=True, blank=True)
    supplement_request = models.TextField(_("nội dung yêu cầu bổ sung"), blank=True)
    refusal_reason = models.TextField(_("lý do không tiếp nhận"), blank=True)
    refused_at = models.DateTimeField(_("thời điểm từ chối"), null=True, blank=True)
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_at = models.DateTimeField(_("thời điểm trả lời"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trả lời"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("thời điểm công khai"), null=True, blank=True)
    likes = models.PositiveIntegerField(_("lượt thích"), default=0)
    dislikes = models.PositiveIntegerField(_("lượt không thích"), default=0)
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["unit", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""),
                name="feedback_refusal_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["answered", "published"]) | ~Q(answer=""),
                name="feedback_answer_present",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class FeedbackEvent(models.Model):
    """Append-only history (a database trigger refuses UPDATE and DELETE)."""

    feedback = models.ForeignKey(Feedback, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(_("thời điểm"))
    action = models.CharField(_("thao tác"), max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_unit = models.ForeignKey(
        "organization.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30, blank=True)
    from_unit = models.ForeignKey(
        "organization.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_unit = models.ForeignKey(
        "organization.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("ghi chú"), blank=True)
    public = models.BooleanField(_("người gửi xem được"), default=True)

    class Meta:
        verbose_name = _("lịch sử xử lý phản ánh")
        verbose_name_plural = _("lịch sử xử lý phản ánh")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.feedback_id}: {self.action}"


class FeedbackAttachment(models.Model):
    feedback = models.ForeignKey(Feedback, on_delete=models.PROTECT, related_name="attachments")
    event = models.ForeignKey(
        FeedbackEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    name = models.CharField(_("tên tệp"), max_length=120)
    path = models.CharField(max_length=255, unique=True)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class AnswerVote(models.Model):
    """One like or dislike per reader (a hash of their session) and published answer."""

    feedback = models.ForeignKey(
        Feedback, on_delete=models.CASCADE, related_name="votes", db_index=False
    )
    voter = models.CharField(max_length=64)
    liked = models.BooleanField()
    at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["feedback", "voter"], name="feedback_one_vote"),
        ]

    def __str__(self) -> str:
        return f"{self.feedback_id}: {'+' if self.liked else '-'}"


class FeedbackCounter(models.Model):
    """Daily sequence of feedback codes; the row is locked while a code is issued."""

    day = models.DateField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.day}: {self.last}"


class CaptchaChallenge(models.Model):
    """A server-side captcha: the answer is stored hashed and consumed once."""

    answer_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)
    operands = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"captcha {self.pk}"
