"""Construction order: sites per ward, post-permit inspections, violations and their history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.core.text import fold
from motcua.dossiers.models import Dossier
from motcua.organization.models import Unit


class Register(models.TextChoices):
    CONSTRUCTION = "construction", _("Trật tự xây dựng")
    INFRASTRUCTURE = "infrastructure", _("Hạ tầng xã hội phường")


class OversightUnit(models.Model):
    """A unit whose staff oversee every ward of its administrative area for one register
    (e.g. the district construction inspection team, the urban management department)."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    register = models.CharField(_("sổ theo dõi"), max_length=20, choices=Register.choices)

    class Meta:
        verbose_name = _("đơn vị theo dõi toàn địa bàn")
        verbose_name_plural = _("đơn vị theo dõi toàn địa bàn")
        constraints = [
            models.UniqueConstraint(fields=["unit", "register"], name="oversight_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.get_register_display()}"


class WorkType(models.TextChoices):
    HOUSE = "house", _("Nhà ở riêng lẻ")
    APARTMENT = "apartment", _("Nhà chung cư")
    COMMERCIAL = "commercial", _("Công trình thương mại, dịch vụ")
    PUBLIC = "public", _("Công trình công cộng")
    INDUSTRIAL = "industrial", _("Công trình công nghiệp")
    INFRASTRUCTURE = "infrastructure", _("Công trình hạ tầng kỹ thuật")
    OTHER = "other", _("Công trình khác")


class SiteStatus(models.TextChoices):
    PERMITTED = "permitted", _("Đã cấp phép, chưa khởi công")
    UNDER_CONSTRUCTION = "under_construction", _("Đang thi công")
    COMPLETED = "completed", _("Đã hoàn thành")
    SUSPENDED = "suspended", _("Đình chỉ thi công")


class ConstructionSite(models.Model):
    """A construction site (công trình) in a ward; the permit comes from a one-stop dossier
    when one exists, otherwise it is entered by hand (older paper permits)."""

    ward = models.ForeignKey(
        Unit,
        verbose_name=_("phường"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    address = models.CharField(_("địa chỉ"), max_length=255)
    plot_number = models.CharField(_("thửa đất số"), max_length=20, blank=True)
    map_sheet = models.CharField(_("tờ bản đồ số"), max_length=20, blank=True)
    owner_name = models.CharField(_("chủ đầu tư"), max_length=255)
    owner_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    work_type = models.CharField(_("loại công trình"), max_length=20, choices=WorkType.choices)
    floors = models.PositiveSmallIntegerField(_("số tầng"), null=True, blank=True)
    floor_area_m2 = models.PositiveIntegerField(_("tổng diện tích sàn (m²)"), null=True, blank=True)
    scale_note = models.CharField(_("quy mô"), max_length=255, blank=True)
    permit_dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("hồ sơ cấp phép"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    permit_number = models.CharField(_("số giấy phép"), max_length=60, blank=True)
    permit_date = models.DateField(_("ngày cấp phép"), null=True, blank=True, db_index=True)
    permit_conditions = models.TextField(_("điều kiện của giấy phép"), blank=True)
    status = models.CharField(_("tình trạng"), max_length=20, choices=SiteStatus.choices)
    started_on = models.DateField(_("ngày khởi công"), null=True, blank=True)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    search_text = models.CharField(max_length=600, editable=False, db_index=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("công trình xây dựng")
        verbose_name_plural = _("công trình xây dựng")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["ward", "status"], name="site_ward_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["permit_dossier"],
                condition=Q(permit_dossier__isnull=False),
                name="site_one_per_permit_dossier",
            ),
            models.CheckConstraint(
                condition=Q(status__in=SiteStatus.values), name="site_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(completed_on__gte=models.F("started_on")),
                name="site_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.address

    def save(self, *args, **kwargs):
        # Derived search column only; no business rules here.
        self.search_text = fold(
            f"{self.address} {self.owner_name} {self.permit_number} {self.plot_number}"
        )[:600]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "updated_at"}
        super().save(*args, **kwargs)

    @property
    def is_licensed(self) -> bool:
        return bool(self.permit_number or self.permit_dossier_id)


class InspectionResult(models.TextChoices):
    COMPLIANT = "compliant", _("Đúng giấy phép")
    VIOLATION = "violation", _("Phát hiện vi phạm")


class Inspection(models.Model):
    """A post-permit inspection (kiểm tra sau cấp phép): planned, then done."""

    site = models.ForeignKey(
        ConstructionSite,
        verbose_name=_("công trình"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    planned_on = models.DateField(_("ngày kiểm tra theo kế hoạch"), db_index=True)
    done_on = models.DateField(_("ngày kiểm tra thực tế"), null=True, blank=True)
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ kiểm tra"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    inspector_name = models.CharField(_("người kiểm tra"), max_length=255, blank=True)
    findings = models.TextField(_("kết quả kiểm tra"), blank=True)
    result = models.CharField(
        _("kết luận"), max_length=20, choices=InspectionResult.choices, blank=True
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lượt kiểm tra")
        verbose_name_plural = _("lượt kiểm tra")
        ordering = ["planned_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done_on__isnull=True, result="")
                | Q(done_on__isnull=False, result__in=InspectionResult.values),
                name="inspection_result_when_done",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.site} — {self.planned_on:%d/%m/%Y}"

    @property
    def done_late(self) -> bool:
        return self.done_on is not None and self.done_on > self.planned_on


class InspectionPhoto(models.Model):
    """A photo taken at an inspection; the file lives under MEDIA_ROOT and is served by a view
    that checks the reader's ward scope."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("lượt kiểm tra"), on_delete=models.PROTECT, related_name="photos"
    )
    file = models.CharField(_("tệp"), max_length=255, unique=True)
    original_name = models.CharField(_("tên tệp gốc"), max_length=120)
    content_type = models.CharField(_("kiểu nội dung"), max_length=20)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("ảnh kiểm tra")
        verbose_name_plural = _("ảnh kiểm tra")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class ViolationKind(models.TextChoices):
    UNLICENSED = "unlicensed", _("Xây dựng không phép")
    WRONG_PERMIT = "wrong_permit", _("Xây dựng sai nội dung giấy phép")
    FORBIDDEN_LAND = "forbidden_land", _("Xây dựng trên đất không được phép xây dựng")
    WRONG_PLAN = "wrong_plan", _("Xây dựng sai quy hoạch")
    ENCROACHMENT = "encroachment", _("Lấn chiếm không gian, đất công")
    SAFETY = "safety", _("Vi phạm an toàn thi công")
    OTHER = "other", _("Vi phạm khác")


class ViolationStatus(models.TextChoices):
    RECORDED = "recorded", _("Đã lập biên bản")
    DECIDED = "decided", _("Đã có quyết định xử phạt")
    ENFORCED = "enforced", _("Đã cưỡng chế")
    REMEDIED = "remedied", _("Đã khắc phục")


RESOLVED_STATUSES = (ViolationStatus.ENFORCED, ViolationStatus.REMEDIED)


class Violation(models.Model):
    """A construction violation and its handling: record → decision (fine, remedy deadline in
    working days) → enforced or remedied. Each step also writes a `ConstructionEvent`."""

    site = models.ForeignKey(
        ConstructionSite,
        verbose_name=_("công trình"),
        on_delete=models.PROTECT,
        related_name="violations",
    )
    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("phát hiện khi kiểm tra"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="violations",
    )
    kind = models.CharField(_("hành vi vi phạm"), max_length=20, choices=ViolationKind.choices)
    description = models.TextField(_("mô tả"), blank=True)
    found_on = models.DateField(_("ngày phát hiện"), db_index=True)
    record_number = models.CharField(_("số biên bản"), max_length=60, blank=True)
    status = models.CharField(_("tình trạng xử lý"), max_length=20, choices=ViolationStatus.choices)
    decision_number = models.CharField(_("số quyết định xử phạt"), max_length=60, blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    fine_amount = models.PositiveBigIntegerField(_("tiền phạt (đồng)"), null=True, blank=True)
    remedy_days = models.PositiveSmallIntegerField(
        _("thời hạn khắc phục (ngày làm việc)"), null=True, blank=True
    )
    remedy_due = models.DateField(_("hạn khắc phục"), null=True, blank=True, db_index=True)
    closed_on = models.DateField(_("ngày cưỡng chế, khắc phục xong"), null=True, blank=True)
    closing_note = models.TextField(_("ghi chú kết thúc"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("vi phạm trật tự xây dựng")
        verbose_name_plural = _("vi phạm trật tự xây dựng")
        ordering = ["-found_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ViolationStatus.values), name="violation_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(fine_amount__isnull=True) | Q(fine_amount__gte=0),
                name="violation_fine_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(remedy_due__isnull=True)
                | Q(decided_on__isnull=False, remedy_due__gte=models.F("decided_on")),
                name="violation_remedy_after_decision",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=models.F("found_on")),
                name="violation_decision_after_finding",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("found_on")),
                name="violation_closed_after_finding",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.site}"

    @property
    def is_resolved(self) -> bool:
        return self.status in RESOLVED_STATUSES


ACTION_LABELS = {
    "register_site": _("Vào sổ công trình"),
    "update_site": _("Sửa thông tin công trình"),
    "link_permit": _("Gắn hồ sơ cấp phép"),
    "change_status": _("Đổi tình trạng"),
    "plan_inspection": _("Lên kế hoạch kiểm tra"),
    "record_inspection": _("Ghi kết quả kiểm tra"),
    "attach_photo": _("Tải ảnh kiểm tra"),
    "record_violation": _("Lập biên bản vi phạm"),
    "decide_violation": _("Quyết định xử phạt"),
    "close_violation": _("Kết thúc xử lý vi phạm"),
}


class ConstructionEvent(models.Model):
    """Append-only history of a site, its inspections and violations (a trigger refuses
    UPDATE and DELETE): who did what, when, and the old → new values."""

    site = models.ForeignKey(ConstructionSite, on_delete=models.PROTECT, related_name="events")
    inspection = models.ForeignKey(
        Inspection, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    violation = models.ForeignKey(
        Violation, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(_("thao tác"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("thời điểm"))
    note = models.TextField(_("ghi chú"), blank=True)
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True)

    class Meta:
        verbose_name = _("lịch sử trật tự xây dựng")
        verbose_name_plural = _("lịch sử trật tự xây dựng")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} @ {self.at:%d/%m/%Y %H:%M}"

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS.get(self.action, self.action))
