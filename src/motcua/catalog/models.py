"""The procedure catalogue: procedures versioned by effective date, with parts, fees and steps."""

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from motcua.core.text import fold, vi_sort_key
from motcua.organization.models import Role, Unit

MINUTES_PER_DAY = 480

procedure_code_validator = RegexValidator(
    r"^\d\.\d{6}(\.[A-Z0-9]{2,4})?$",
    _("Mã thủ tục có dạng 1.000178 hoặc 1.000948.H26."),
)


class Field(models.Model):
    """A field of administrative work (lĩnh vực): construction, land, civil status…"""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=255)
    sort_name = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["sort_name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.sort_name = vi_sort_key(self.name)
        super().save(*args, **kwargs)


class Procedure(models.Model):
    """The stable identity of a procedure; what it requires lives in its versions."""

    code = models.CharField(
        _("mã thủ tục"), max_length=20, unique=True, validators=[procedure_code_validator]
    )

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class GovernmentLevel(models.TextChoices):
    CENTRAL = "central", _("Cấp trung ương")
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


class OnlineService(models.TextChoices):
    NONE = "none", _("Không trực tuyến")
    PARTIAL = "partial_online", _("Một phần")
    FULL = "full_online", _("Toàn trình")


class TimeUnit(models.TextChoices):
    DAY = "day", _("ngày làm việc")
    HOUR = "hour", _("giờ làm việc")


class ProcedureVersion(models.Model):
    """What a procedure requires from `effective_from` until `effective_to` (inclusive)."""

    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("thủ tục"),
        on_delete=models.PROTECT,
        related_name="versions",
        db_index=False,
    )
    number = models.PositiveIntegerField(_("phiên bản"), default=1)
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    name = models.CharField(_("tên thủ tục"), max_length=500)
    field = models.ForeignKey(
        Field, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="versions"
    )
    level = models.CharField(_("cấp thực hiện"), max_length=20, choices=GovernmentLevel.choices)
    receiving_units = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị tiếp nhận"), related_name="received_procedures"
    )
    resolving_units = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị giải quyết"), related_name="resolved_procedures", blank=True
    )
    applicants = models.TextField(_("đối tượng thực hiện"), blank=True)
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    conditions = models.TextField(_("yêu cầu, điều kiện"), blank=True)
    statutory_minutes = models.PositiveIntegerField(
        _("thời hạn theo quy định (phút làm việc)"), validators=[MinValueValidator(1)]
    )
    committed_minutes = models.PositiveIntegerField(
        _("thời hạn cam kết (phút làm việc)"), validators=[MinValueValidator(1)]
    )
    time_unit = models.CharField(
        _("đơn vị thời hạn"), max_length=10, choices=TimeUnit.choices, default=TimeUnit.DAY
    )
    same_day = models.BooleanField(_("giải quyết trong ngày"), default=False)
    cutoff_time = models.TimeField(
        _("giờ chốt nhận trong ngày"),
        null=True,
        blank=True,
        help_text=_("Hồ sơ nhận sau giờ này được tính từ ngày làm việc tiếp theo."),
    )
    online_level = models.PositiveSmallIntegerField(
        _("mức độ dịch vụ công (cũ, 1–4)"),
        choices=[(1, "1"), (2, "2"), (3, "3"), (4, "4")],
        default=2,
    )
    online_service = models.CharField(
        _("dịch vụ công trực tuyến"),
        max_length=20,
        choices=OnlineService.choices,
        default=OnlineService.NONE,
    )
    online_payment = models.BooleanField(_("tích hợp thanh toán trực tuyến"), default=False)
    pause_on_payment = models.BooleanField(_("tạm dừng thời hạn khi chờ nộp phí"), default=False)
    result_name = models.CharField(_("kết quả"), max_length=255, blank=True)
    result_on_paper = models.BooleanField(_("kết quả bằng giấy"), default=True)
    result_at_desk = models.BooleanField(_("trả tại Bộ phận Một cửa"), default=True)
    result_by_post = models.BooleanField(_("trả qua bưu chính"), default=False)
    result_online = models.BooleanField(_("trả kết quả điện tử"), default=False)
    search_text = models.CharField(max_length=700, editable=False, db_index=True)
    sort_name = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = _("phiên bản thủ tục")
        verbose_name_plural = _("phiên bản thủ tục")
        ordering = ["procedure__code", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="version_number_unique"),
            models.UniqueConstraint(
                fields=["procedure", "effective_from"], name="version_effective_unique"
            ),
            models.CheckConstraint(
                condition=Q(committed_minutes__lte=F("statutory_minutes")),
                name="committed_not_longer_than_statutory",
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="version_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} — {self.name} (v{self.number})"

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.name} {self.procedure.code}")[:700]
        self.sort_name = vi_sort_key(self.name)
        super().save(*args, **kwargs)

    @property
    def code(self) -> str:
        return self.procedure.code

    @property
    def shortened(self) -> bool:
        return self.committed_minutes < self.statutory_minutes

    @property
    def accepts_online(self) -> bool:
        return self.online_service != OnlineService.NONE


class PartForm(models.TextChoices):
    ORIGINAL = "original", _("Bản chính")
    CERTIFIED_COPY = "certified_copy", _("Bản sao có chứng thực")
    COPY = "copy", _("Bản sao")
    ORIGINAL_OR_COPY = "original_or_copy", _("Bản chính hoặc bản sao có chứng thực")


class DossierPart(models.Model):
    """A document the applicant must submit (thành phần hồ sơ)."""

    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="parts", verbose_name=_("thủ tục")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    name = models.CharField(_("tên giấy tờ"), max_length=500)
    form = models.CharField(
        _("hình thức"), max_length=20, choices=PartForm.choices, default=PartForm.ORIGINAL
    )
    copies = models.PositiveSmallIntegerField(_("số bản"), default=1)
    required = models.BooleanField(_("bắt buộc"), default=True)
    reusable = models.BooleanField(_("được tái sử dụng dữ liệu số hóa"), default=False)
    template_name = models.CharField(_("mẫu đơn, tờ khai"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class FeeKind(models.TextChoices):
    FEE = "fee", _("Phí")
    CHARGE = "charge", _("Lệ phí")


class Fee(models.Model):
    """A fee or charge, an integer number of đồng."""

    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="fees", verbose_name=_("thủ tục")
    )
    kind = models.CharField(
        _("loại"), max_length=10, choices=FeeKind.choices, default=FeeKind.CHARGE
    )
    name = models.CharField(_("nội dung"), max_length=255)
    amount = models.PositiveBigIntegerField(_("mức thu (đồng)"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = _("phí, lệ phí")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name}: {self.amount}"


class ProcedureStep(models.Model):
    """One step of the internal process (quy trình nội bộ) with its time budget."""

    version = models.ForeignKey(
        ProcedureVersion,
        on_delete=models.CASCADE,
        related_name="steps",
        verbose_name=_("thủ tục"),
        db_index=False,
    )
    order = models.PositiveSmallIntegerField(_("bước"))
    name = models.CharField(_("nội dung công việc"), max_length=255)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="procedure_steps",
        help_text=_("Để trống: đơn vị giải quyết hoặc đơn vị tiếp nhận của hồ sơ."),
    )
    role = models.CharField(_("vai trò thực hiện"), max_length=30, choices=Role.choices)
    budget_minutes = models.PositiveIntegerField(_("thời gian (phút làm việc)"))

    class Meta:
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("bước xử lý")
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="step_order_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"
