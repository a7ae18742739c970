"""Per-dossier statistical facts and the daily rollups summed from them; scorecard formulas.

A `DossierFact` is what one dossier contributes to the statistics (DOMAIN §6.6, §8, §9),
derived from its columns and events. `DailyRollup` rows are the sums of facts per local
day × receiving unit × competent unit × procedure version × channel, on two bases:
`received` (day = receipt or refusal date; outcome as of now) and `resolved` (day = finish
date). `MonthlyRollup` sums them per month; `UnitDailyRollup` and `UnitMonthlyRollup` are the
same without the procedure version (for figures not grouped by field or procedure), and
`VersionMonthlyRollup` the monthly rows without the units (figures of the whole tree by field
or procedure). All five are written in the transaction of the dossier event that changed them.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.models import Channel
from motcua.organization.models import Unit, UnitKind


class Basis(models.TextChoices):
    RECEIVED = "received", _("Theo ngày tiếp nhận")
    RESOLVED = "resolved", _("Theo ngày giải quyết xong")


class FinalState(models.TextChoices):
    NONE = "", _("Chưa kết thúc")
    RESOLVED = "resolved", _("Đã giải quyết")
    WITHDRAWN = "withdrawn", _("Rút hồ sơ")
    STOPPED = "stopped", _("Dừng xử lý")
    REFUSED = "refused", _("Từ chối tiếp nhận")


# The counters a rollup row sums; a fact contributes 0/1 (or minutes, or a score) to each.
COUNTERS: tuple[str, ...] = (
    "received",
    "refused",
    "resolved",
    "early",
    "on_time",
    "late",
    "withdrawn",
    "stopped",
    "supplements",
    "apologies",
    "fee_bearing",
    "paid_online",
    "e_result",
    "digitised",
    "reused",
    "processing_minutes",
    "committed_minutes",
    "statutory_minutes",
    "rated",
    "satisfied",
    "disliked",
    "score_sum",
)


class DossierFact(models.Model):
    """What one dossier contributes to the statistics now; kept with its dossier."""

    dossier = models.OneToOneField(
        "dossiers.Dossier", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    receiving_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    competent_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(ProcedureVersion, on_delete=models.PROTECT, related_name="+")
    channel = models.PositiveSmallIntegerField()
    received_day = models.DateField(null=True, blank=True)
    refused_day = models.DateField(null=True, blank=True)
    finish_day = models.DateField(null=True, blank=True)
    final_state = models.CharField(max_length=10, choices=FinalState.choices, blank=True)
    outcome = models.CharField(max_length=10, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    paused_since = models.DateTimeField(null=True, blank=True)
    supplements = models.PositiveSmallIntegerField(default=0)
    apologies = models.PositiveSmallIntegerField(default=0)
    fee_bearing = models.BooleanField(default=False)
    paid_online = models.BooleanField(default=False)
    e_result = models.BooleanField(default=False)
    digitised = models.BooleanField(default=False)
    reused = models.BooleanField(default=False)
    processing_minutes = models.PositiveIntegerField(default=0)
    committed_minutes = models.PositiveIntegerField(default=0)
    statutory_minutes = models.PositiveIntegerField(default=0)
    score = models.PositiveSmallIntegerField(default=0)  # satisfaction 1–5, 0 = not rated

    class Meta:
        verbose_name = _("số liệu hồ sơ")
        verbose_name_plural = _("số liệu hồ sơ")
        indexes = [
            # Open dossiers (received, not finished): the in-time / overdue figures.
            models.Index(
                fields=["received_day", "due_at"],
                name="fact_open",
                condition=Q(finish_day__isnull=True, received_day__isnull=False),
            ),
            # Dossiers finished after a period's end were still open at that end.
            models.Index(fields=["finish_day", "received_day"], name="fact_finish"),
            # The few finished dossiers that can have been overdue while open
            # (`stats.LATE_CANDIDATES`): the overdue at the end of a past period. With the due
            # instant in the index, those that were not overdue then are passed over in it.
            models.Index(
                fields=["finish_day", "due_at", "received_day"],
                name="fact_late",
                condition=Q(outcome="late")
                | Q(final_state="withdrawn")
                | Q(final_state="stopped")
                | Q(paused_since__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}"


class Counters(models.Model):
    """The counters every rollup row sums (`COUNTERS`)."""

    received = models.IntegerField(default=0)
    refused = models.IntegerField(default=0)
    resolved = models.IntegerField(default=0)
    early = models.IntegerField(default=0)
    on_time = models.IntegerField(default=0)
    late = models.IntegerField(default=0)
    withdrawn = models.IntegerField(default=0)
    stopped = models.IntegerField(default=0)
    supplements = models.IntegerField(default=0)
    apologies = models.IntegerField(default=0)
    fee_bearing = models.IntegerField(default=0)
    paid_online = models.IntegerField(default=0)
    e_result = models.IntegerField(default=0)
    digitised = models.IntegerField(default=0)
    reused = models.IntegerField(default=0)
    processing_minutes = models.BigIntegerField(default=0)
    committed_minutes = models.BigIntegerField(default=0)
    statutory_minutes = models.BigIntegerField(default=0)
    rated = models.IntegerField(default=0)
    satisfied = models.IntegerField(default=0)
    disliked = models.IntegerField(default=0)
    score_sum = models.IntegerField(default=0)

    class Meta:
        abstract = True


class UnitRollupRow(Counters):
    """The coarse key: basis, day (or month), unit pair and channel. A figure that is not
    grouped by field or procedure reads these rows (a few per unit pair and day or month,
    however many procedures there are)."""

    basis = models.CharField(max_length=10, choices=Basis.choices)
    day = models.DateField()
    receiving_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    competent_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    channel = models.PositiveSmallIntegerField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.basis} {self.day} {self.receiving_unit_id}/{self.competent_unit_id}"


class RollupRow(UnitRollupRow):
    """The key of the daily and the monthly rollups: the coarse key and the procedure version."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True


class DailyRollup(RollupRow):
    """Sums of `DossierFact` counters for one local day and one key, on one basis."""

    class Meta:
        verbose_name = _("số liệu tổng hợp theo ngày")
        verbose_name_plural = _("số liệu tổng hợp theo ngày")
        constraints = [
            models.UniqueConstraint(
                fields=["basis", "day", "receiving_unit", "competent_unit", "version", "channel"],
                name="rollup_key_unique",
            ),
        ]


class MonthlyRollup(RollupRow):
    """The daily rows of one calendar month summed (`day` is the month's first day): a period
    reads its whole months here and only its edge days from `DailyRollup`."""

    class Meta:
        verbose_name = _("số liệu tổng hợp theo tháng")
        verbose_name_plural = _("số liệu tổng hợp theo tháng")
        constraints = [
            models.UniqueConstraint(
                fields=["basis", "day", "receiving_unit", "competent_unit", "version", "channel"],
                name="monthly_rollup_key_unique",
            ),
        ]


class ScorecardFormula(models.Model):
    """One version of the Decision 766 scoring rules, in force for periods it covers.

    `indicators` lists `{"code", "group", "name", "points", "threshold"}`; a group's points
    are the sum of its indicators'. `bands` lists `{"min", "label"}` from the highest.
    """

    name = models.CharField(_("tên"), max_length=255)
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    indicators = models.JSONField(_("chỉ số"), default=list)
    bands = models.JSONField(_("xếp loại"), default=list)

    class Meta:
        verbose_name = _("công thức Bộ chỉ số 766")
        verbose_name_plural = _("công thức Bộ chỉ số 766")
        ordering = ["-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["effective_from"], name="formula_effective_unique"),
        ]

    def __str__(self) -> str:
        return self.name


# Units ranked against each other: wards against wards, departments against departments.
RANKED_KINDS = (
    UnitKind.WARD,
    UnitKind.COMMUNE,
    UnitKind.DISTRICT,
    UnitKind.DEPARTMENT,
    UnitKind.PEOPLES_COMMITTEE,
)


class UnitDailyRollup(UnitRollupRow):
    """`DailyRollup` summed over procedure versions: day × receiving × competent × channel."""

    class Meta:
        verbose_name = _("số liệu tổng hợp theo ngày và đơn vị")
        verbose_name_plural = _("số liệu tổng hợp theo ngày và đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["basis", "day", "receiving_unit", "competent_unit", "channel"],
                name="unit_daily_rollup_key_unique",
            ),
        ]


class UnitMonthlyRollup(UnitRollupRow):
    """`MonthlyRollup` summed over procedure versions (`day` is the month's first day)."""

    class Meta:
        verbose_name = _("số liệu tổng hợp theo tháng và đơn vị")
        verbose_name_plural = _("số liệu tổng hợp theo tháng và đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["basis", "day", "receiving_unit", "competent_unit", "channel"],
                name="unit_monthly_rollup_key_unique",
            ),
        ]


# The counters of `VersionMonthlyRollup` beyond `COUNTERS`: the received per channel, which the
# other rollups keep in their key.
CHANNEL_COUNTERS: dict[int, str] = {
    Channel.DIRECT: "received_direct",
    Channel.ONLINE: "received_online",
    Channel.POSTAL: "received_postal",
}


class VersionMonthlyRollup(Counters):
    """`MonthlyRollup` summed over the unit pairs and the channels: basis × month × procedure
    version (`day` is the month's first day), the received per channel as three counters.
    The whole tree's tables by field and by procedure, and the scorecard of a unit over the
    whole tree, read these rows: one per version and month, however many units there are."""

    basis = models.CharField(max_length=10, choices=Basis.choices)
    day = models.DateField()
    version = models.ForeignKey(ProcedureVersion, on_delete=models.PROTECT, related_name="+")
    received_direct = models.IntegerField(default=0)
    received_online = models.IntegerField(default=0)
    received_postal = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("số liệu tổng hợp theo tháng và phiên bản thủ tục")
        verbose_name_plural = _("số liệu tổng hợp theo tháng và phiên bản thủ tục")
        constraints = [
            models.UniqueConstraint(
                fields=["basis", "day", "version"], name="version_monthly_rollup_key_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.basis} {self.day} {self.version_id}"


class SuspendedIndex(models.Model):
    """A secondary index the generator dropped before a bulk load, with its definition as the
    catalogue gave it (`pg_indexes.indexdef`); the generator recreates it at the end, and the
    next `motcua generate` (or `motcua generate --restore-indexes`) does if it was interrupted."""

    table_name = models.CharField(max_length=255)
    name = models.CharField(max_length=255, unique=True)
    definition = models.TextField()
    suspended_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("chỉ mục tạm bỏ khi sinh dữ liệu")
        verbose_name_plural = _("chỉ mục tạm bỏ khi sinh dữ liệu")

    def __str__(self) -> str:
        return self.name
