"""Ward social infrastructure: facility kinds every ward must have, how many, and what exists."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.core.text import fold
from motcua.organization.models import Unit


class Basis(models.TextChoices):
    PER_WARD = "per_ward", _("Số lượng cho mỗi phường")
    PER_RESIDENTIAL_GROUP = "per_group", _("Số lượng cho mỗi tổ dân phố")


class FacilityKind(models.Model):
    """A kind of facility a ward must have (kindergarten, health station, community house…)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=120)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    basis = models.CharField(
        _("cách tính số lượng yêu cầu"), max_length=20, choices=Basis.choices,
        default=Basis.PER_WARD,
    )  # fmt: skip
    quantity = models.PositiveSmallIntegerField(
        _("số lượng yêu cầu"), default=1, help_text=_("Cho mỗi phường hoặc mỗi tổ dân phố.")
    )
    capacity_unit = models.CharField(
        _("đơn vị công suất"), max_length=40, blank=True, help_text=_("Ví dụ: học sinh, giường.")
    )
    active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("loại công trình hạ tầng xã hội")
        verbose_name_plural = _("loại công trình hạ tầng xã hội")
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(basis__in=Basis.values), name="kind_basis_valid"),
        ]

    def __str__(self) -> str:
        return self.name


class WardProfile(models.Model):
    """What the requirement depends on: the ward's number of residential groups (tổ dân phố)."""

    ward = models.OneToOneField(
        Unit, verbose_name=_("phường"), on_delete=models.PROTECT, related_name="+"
    )
    residential_groups = models.PositiveSmallIntegerField(_("số tổ dân phố"), default=0)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("thông tin phường")
        verbose_name_plural = _("thông tin phường")

    def __str__(self) -> str:
        return str(self.ward)


class WardRequirement(models.Model):
    """A ward's own required number of one kind, replacing the kind's general rule."""

    ward = models.ForeignKey(
        Unit,
        verbose_name=_("phường"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    kind = models.ForeignKey(
        FacilityKind, verbose_name=_("loại"), on_delete=models.PROTECT, related_name="requirements"
    )
    quantity = models.PositiveSmallIntegerField(_("số lượng yêu cầu"))
    note = models.CharField(_("căn cứ, ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("yêu cầu riêng của phường")
        verbose_name_plural = _("yêu cầu riêng của phường")
        constraints = [
            models.UniqueConstraint(fields=["ward", "kind"], name="requirement_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.ward} — {self.kind}: {self.quantity}"


class FacilityStatus(models.TextChoices):
    OPERATING = "operating", _("Đang hoạt động")
    UNDER_CONSTRUCTION = "under_construction", _("Đang xây dựng")
    PLANNED = "planned", _("Đã quy hoạch, chưa xây dựng")


class Condition(models.TextChoices):
    GOOD = "good", _("Tốt")
    FAIR = "fair", _("Khá")
    DEGRADED = "degraded", _("Xuống cấp")
    UNSAFE = "unsafe", _("Hư hỏng, mất an toàn")


class Facility(models.Model):
    """A school, health station, culture–sports centre or community house of a ward."""

    ward = models.ForeignKey(
        Unit,
        verbose_name=_("phường"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    kind = models.ForeignKey(
        FacilityKind, verbose_name=_("loại"), on_delete=models.PROTECT, related_name="facilities"
    )
    name = models.CharField(_("tên"), max_length=255)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    capacity = models.PositiveIntegerField(_("công suất"), null=True, blank=True)
    condition = models.CharField(
        _("hiện trạng"), max_length=20, choices=Condition.choices, blank=True
    )
    year_built = models.PositiveSmallIntegerField(_("năm xây dựng"), null=True, blank=True)
    status = models.CharField(_("tình trạng"), max_length=20, choices=FacilityStatus.choices)
    note = models.TextField(_("ghi chú"), blank=True)
    search_text = models.CharField(max_length=600, editable=False, db_index=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("công trình hạ tầng xã hội")
        verbose_name_plural = _("công trình hạ tầng xã hội")
        ordering = ["kind__order", "name", "id"]
        indexes = [models.Index(fields=["ward", "kind", "status"], name="facility_ward_kind")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=FacilityStatus.values), name="facility_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(year_built__isnull=True) | Q(year_built__gte=1800),
                name="facility_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Derived search column only; no business rules here.
        self.search_text = fold(f"{self.name} {self.address}")[:600]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "updated_at"}
        super().save(*args, **kwargs)


class InfrastructureEvent(models.Model):
    """Append-only history of the register (a trigger refuses UPDATE and DELETE)."""

    ward = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    facility = models.ForeignKey(
        Facility, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(_("thao tác"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("thời điểm"))
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True)

    class Meta:
        verbose_name = _("lịch sử hạ tầng xã hội")
        verbose_name_plural = _("lịch sử hạ tầng xã hội")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.action} @ {self.at:%d/%m/%Y %H:%M}"
