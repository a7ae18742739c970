"""Office hours per unit and weekday, and the calendar overrides (extra days off, make-up days)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from motcua.organization.models import Unit


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Thứ Hai")
    TUESDAY = 1, _("Thứ Ba")
    WEDNESDAY = 2, _("Thứ Tư")
    THURSDAY = 3, _("Thứ Năm")
    FRIDAY = 4, _("Thứ Sáu")
    SATURDAY = 5, _("Thứ Bảy")
    SUNDAY = 6, _("Chủ Nhật")


class OfficeHours(models.Model):
    """One opening interval of a weekday. Rows without a unit are the national default.

    A unit with at least one row uses only its own rows; a weekday without rows is closed.
    """

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="office_hours",
        help_text=_("Để trống: giờ hành chính mặc định toàn quốc."),
        db_index=False,
    )
    weekday = models.PositiveSmallIntegerField(_("thứ"), choices=Weekday.choices)
    start = models.TimeField(_("từ"))
    end = models.TimeField(_("đến"))

    class Meta:
        verbose_name = _("giờ hành chính")
        verbose_name_plural = _("giờ hành chính")
        ordering = ["unit_id", "weekday", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="office_hours_ordered"),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6), name="office_hours_weekday"
            ),
            models.UniqueConstraint(
                fields=["unit", "weekday", "start"], name="office_hours_unique_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"

    def clean(self) -> None:
        if self.start is not None and self.end is not None and self.start >= self.end:
            raise ValidationError({"end": _("Giờ kết thúc phải sau giờ bắt đầu.")})
        if self.start is None or self.end is None or self.weekday is None:
            return
        siblings = OfficeHours.objects.filter(unit=self.unit, weekday=self.weekday).exclude(
            pk=self.pk
        )
        for other in siblings:
            if self.start < other.end and other.start < self.end:
                raise ValidationError(
                    _("Khoảng giờ này trùng với khoảng %(other)s.") % {"other": other}
                )


class OverrideKind(models.TextChoices):
    OFF = "off", _("Ngày nghỉ")
    WORKING = "working", _("Ngày làm việc (làm bù)")


class CalendarOverride(models.Model):
    """A date whose status is decided by the administrator, above the statutory calendar."""

    date = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=10, choices=OverrideKind.choices)
    name = models.CharField(_("tên, lý do"), max_length=200)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_overrides",
        help_text=_("Để trống: áp dụng trên toàn quốc."),
    )
    intervals = models.JSONField(
        _("giờ làm việc"),
        default=list,
        blank=True,
        help_text=_(
            "Chỉ cho ngày làm việc; để trống thì dùng giờ hành chính thường lệ của đơn vị."
        ),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("ngày nghỉ, ngày làm bù")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "unit"],
                condition=Q(unit__isnull=False),
                name="calendar_override_unique_unit_date",
            ),
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(unit__isnull=True),
                name="calendar_override_unique_national_date",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["off", "working"]), name="calendar_override_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.name}"

    def interval_times(self) -> tuple[tuple[dt.time, dt.time], ...]:
        return tuple(
            (dt.time.fromisoformat(start), dt.time.fromisoformat(end))
            for start, end in self.intervals or ()
        )


class CalendarStamp(models.Model):
    """One row whose `token` database triggers change with every write to the office hours or
    the overrides (migration 0003): a process keeps the calendars it built while the token
    it reads stays the same (`selectors.calendar_for`)."""

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.token
