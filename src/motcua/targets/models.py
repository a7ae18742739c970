"""Resolution targets (chỉ tiêu Nghị quyết): a congress term with its key tasks, breakthroughs
and target groups; targets with goals; actuals reported by the responsible units and approved
by a leader; an append-only history of every change."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Term(models.Model):
    """A congress resolution for a term, e.g. Nam Từ Liêm's 2nd congress, 2020–2025."""

    name = models.CharField(_("tên nghị quyết"), max_length=300)
    unit = models.ForeignKey(
        "organization.Unit",
        verbose_name=_("địa phương, đơn vị"),
        on_delete=models.PROTECT,
        related_name="terms",
        db_index=False,
    )
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))
    document = models.CharField(_("văn bản"), max_length=300, blank=True)
    summary = models.TextField(_("mục tiêu tổng quát"), blank=True)

    class Meta:
        verbose_name = _("nhiệm kỳ, nghị quyết")
        verbose_name_plural = _("nhiệm kỳ, nghị quyết")
        ordering = ["-start_year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")), name="term_years_ordered"
            ),
            models.UniqueConstraint(fields=["unit", "name"], name="term_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class KeyTask(models.Model):
    term = models.ForeignKey(
        Term, on_delete=models.CASCADE, related_name="key_tasks", db_index=False
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    text = models.TextField(_("nhiệm vụ trọng tâm"))

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["term", "order"], name="keytask_unique_order")
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Breakthrough(models.Model):
    term = models.ForeignKey(
        Term, on_delete=models.CASCADE, related_name="breakthroughs", db_index=False
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    text = models.TextField(_("khâu đột phá"))

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["term", "order"], name="breakthrough_unique_order")
        ]

    def __str__(self) -> str:
        return self.text[:80]


class TargetGroup(models.Model):
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="groups", db_index=False)
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("nhóm chỉ tiêu"), max_length=300)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["term", "order"], name="targetgroup_unique_order")
        ]

    def __str__(self) -> str:
        return self.name


class Direction(models.TextChoices):
    HIGHER = "higher", _("Càng cao càng tốt")
    LOWER = "lower", _("Càng thấp càng tốt")
    CEILING = "ceiling", _("Không vượt quá (trần)")
    FLOOR = "floor", _("Không thấp hơn (sàn)")


class Target(models.Model):
    group = models.ForeignKey(
        TargetGroup, on_delete=models.CASCADE, related_name="targets", db_index=False
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("tên chỉ tiêu"), max_length=400)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=50)
    direction = models.CharField(_("chiều đánh giá"), max_length=10, choices=Direction.choices)
    baseline = models.DecimalField(
        _("giá trị đầu kỳ"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("năm gốc"), null=True, blank=True)
    goal = models.DecimalField(_("mục tiêu nhiệm kỳ"), max_digits=16, decimal_places=4)
    goal_text = models.CharField(_("mục tiêu (diễn giải)"), max_length=300, blank=True)
    responsible_units = models.ManyToManyField(
        "organization.Unit", verbose_name=_("đơn vị chịu trách nhiệm"), related_name="targets"
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["group__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["group", "order"], name="target_unique_order")
        ]

    def __str__(self) -> str:
        return self.name


class YearGoal(models.Model):
    target = models.ForeignKey(
        Target, on_delete=models.CASCADE, related_name="year_goals", db_index=False
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    goal = models.DecimalField(_("mục tiêu năm"), max_digits=16, decimal_places=4)

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["target", "year"], name="yeargoal_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.goal}"


class ActualStatus(models.TextChoices):
    PENDING = "pending", _("Chờ phê duyệt")
    APPROVED = "approved", _("Đã phê duyệt")
    REJECTED = "rejected", _("Không phê duyệt")


class Actual(models.Model):
    """A reported figure for a year (quarter 0) or a quarter. Never edited: a correction is a
    new report for the same period; the latest approved one counts."""

    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="actuals")
    year = models.PositiveSmallIntegerField(_("năm"))
    quarter = models.PositiveSmallIntegerField(_("quý"), default=0)
    value = models.DecimalField(_("kết quả"), max_digits=16, decimal_places=4)
    note = models.TextField(_("ghi chú"), blank=True)
    source = models.CharField(_("văn bản, nguồn số liệu"), max_length=300)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reporting_unit = models.ForeignKey(
        "organization.Unit", on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(_("thời điểm báo cáo"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ActualStatus.choices, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        verbose_name = _("kết quả thực hiện")
        verbose_name_plural = _("kết quả thực hiện")
        ordering = ["year", "quarter", "reported_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quarter__lte=4), name="actual_quarter_0_to_4"),
        ]

    def __str__(self) -> str:
        return f"{self.target_id} {self.period_label}: {self.value}"

    @property
    def period_label(self) -> str:
        return f"Q{self.quarter}/{self.year}" if self.quarter else str(self.year)


class TargetHistory(models.Model):
    """Append-only log (a database trigger refuses UPDATE and DELETE) of every change."""

    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="history")
    actual = models.ForeignKey(
        Actual, null=True, blank=True, on_delete=models.PROTECT, related_name="history"
    )
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=30)
    data = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.target_id}: {self.action}"
