"""Dossiers, their append-only event log, process steps, supplements and the daily code counter."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import DossierPart, PartForm, ProcedureStep, ProcedureVersion
from motcua.core.text import fold
from motcua.organization.models import Unit


class Regime(models.TextChoices):
    R2018 = "r2018", _("Nghị định 61/2018/NĐ-CP")
    R2025 = "r2025", _("Nghị định 118/2025/NĐ-CP")


# Regime in force from each date (receipt local date, DOMAIN R1.2); the one place to change it.
REGIME_SINCE: tuple[tuple[dt.date, str], ...] = (
    (dt.date(2018, 6, 21), Regime.R2018),
    (dt.date(2025, 7, 1), Regime.R2025),
)


def regime_on(day: dt.date) -> str:
    """The regime governing a dossier received on local date `day`."""
    current = REGIME_SINCE[0][1]
    for since, regime in REGIME_SINCE:
        if day >= since:
            current = regime
    return current


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Mới đăng ký")
    RECEIVED = "received", _("Được tiếp nhận")
    REFUSED = "refused", _("Không được tiếp nhận")
    PROCESSING = "processing", _("Đang xử lý")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Yêu cầu bổ sung")
    AWAITING_PAYMENT = "awaiting_payment", _("Yêu cầu nghĩa vụ tài chính")
    WITHDRAWN = "withdrawn", _("Công dân rút hồ sơ")
    STOPPED = "stopped", _("Dừng xử lý")
    RESOLVED = "resolved", _("Đã xử lý xong")
    RETURNED = "returned", _("Đã trả kết quả")


# National status codes (DOMAIN §3).
STATUS_CODES: dict[str, int] = {
    Status.SUBMITTED: 1,
    Status.RECEIVED: 2,
    Status.REFUSED: 3,
    Status.PROCESSING: 4,
    Status.SUPPLEMENT_REQUESTED: 5,
    Status.AWAITING_PAYMENT: 6,
    Status.WITHDRAWN: 7,
    Status.STOPPED: 8,
    Status.RESOLVED: 9,
    Status.RETURNED: 10,
}
STATUS_BY_CODE: dict[int, str] = {code: status for status, code in STATUS_CODES.items()}
TERMINAL_STATUSES = frozenset({Status.REFUSED, Status.WITHDRAWN, Status.STOPPED, Status.RETURNED})
OPEN_STATUSES = frozenset(
    {Status.RECEIVED, Status.PROCESSING, Status.SUPPLEMENT_REQUESTED, Status.AWAITING_PAYMENT}
)


class Channel(models.IntegerChoices):
    DIRECT = 1, _("Trực tiếp")
    ONLINE = 2, _("Trực tuyến")
    POSTAL = 3, _("Bưu chính công ích")


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("Cá nhân")
    ORGANISATION = "organisation", _("Tổ chức")


class Outcome(models.TextChoices):
    EARLY = "early", _("Trước hạn")
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Quá hạn")


class PaidOnline(models.IntegerChoices):
    NO = 0, _("Không")
    NATIONAL_PORTAL = 1, _("Nền tảng thanh toán của Cổng Dịch vụ công quốc gia")
    LOCAL_GATEWAY = 2, _("Cổng thanh toán của bộ, ngành, địa phương")


class ReturnMethod(models.TextChoices):
    DESK = "desk", _("Tại Bộ phận Một cửa")
    POST = "post", _("Qua bưu chính")
    ELECTRONIC = "electronic", _("Trực tuyến")


class Dossier(models.Model):
    """A dossier (hồ sơ); its status and clock columns are written only by `lifecycle`."""

    code = models.CharField(_("mã hồ sơ"), max_length=40, unique=True)
    procedure_version = models.ForeignKey(
        ProcedureVersion, verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="+"
    )
    regime = models.CharField(_("chế độ quy định"), max_length=10, choices=Regime.choices)
    channel = models.PositiveSmallIntegerField(_("kênh tiếp nhận"), choices=Channel.choices)
    status = models.CharField(_("trạng thái"), max_length=30, choices=Status.choices)
    status_code = models.PositiveSmallIntegerField(_("mã trạng thái"), db_index=True)

    applicant_kind = models.CharField(
        _("loại người nộp"),
        max_length=20,
        choices=ApplicantKind.choices,
        default=ApplicantKind.PERSON,
    )
    applicant_name = models.CharField(_("tên người nộp"), max_length=255)
    applicant_id_number = models.CharField(_("số định danh, mã số"), max_length=30, blank=True)
    applicant_phone = models.CharField(_("điện thoại"), max_length=20, blank=True, db_index=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    applicant_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    applicant_search = models.CharField(max_length=255, editable=False, db_index=True)
    applicant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản người nộp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="own_dossiers",
    )

    # Indexed by dossier_recv_status and dossier_recv_received, which lead with the unit.
    receiving_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị tiếp nhận"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    competent_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị giải quyết"), on_delete=models.PROTECT, related_name="+"
    )
    # Indexed by dossier_curr_status, which leads with the unit.
    current_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị đang xử lý"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    current_step = models.ForeignKey(
        "DossierStep",
        verbose_name=_("bước đang xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đang xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_dossiers",
    )

    duration_minutes = models.PositiveIntegerField(_("thời hạn (phút làm việc)"), default=0)
    submitted_at = models.DateTimeField(_("thời điểm nộp"))
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"), null=True, blank=True)
    clock_start_at = models.DateTimeField(_("bắt đầu tính thời hạn"), null=True, blank=True)
    due_at = models.DateTimeField(_("hạn giải quyết"), null=True, blank=True, db_index=True)
    appointment_at = models.DateTimeField(_("ngày hẹn trả"), null=True, blank=True)
    paused_minutes = models.PositiveIntegerField(_("thời gian tạm dừng (phút)"), default=0)
    paused_since = models.DateTimeField(_("tạm dừng từ"), null=True, blank=True)
    apologised_at = models.DateTimeField(_("thời điểm xin lỗi"), null=True, blank=True)
    processing_supplements = models.PositiveSmallIntegerField(
        _("số lần yêu cầu bổ sung khi xử lý"), default=0
    )
    visit_count = models.PositiveSmallIntegerField(_("số lần đi lại để bổ sung"), default=0)
    finished_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)
    returned_at = models.DateTimeField(_("thời điểm trả kết quả"), null=True, blank=True)
    return_method = models.CharField(
        _("hình thức trả"), max_length=20, choices=ReturnMethod.choices, blank=True
    )
    outcome = models.CharField(
        _("kết quả đúng hạn"), max_length=10, choices=Outcome.choices, blank=True
    )
    closing_reason = models.TextField(_("lý do từ chối, dừng, rút"), blank=True)

    result_number = models.CharField(_("số văn bản kết quả"), max_length=60, blank=True)
    result_date = models.DateField(_("ngày ký kết quả"), null=True, blank=True)
    result_signer = models.CharField(_("người ký"), max_length=255, blank=True)
    granted = models.BooleanField(_("giải quyết"), null=True, blank=True)
    result_reason = models.TextField(_("lý do không giải quyết"), blank=True)
    e_result = models.BooleanField(_("có kết quả điện tử"), default=False)
    result_file = models.CharField(_("tệp kết quả điện tử"), max_length=500, blank=True)

    fee_amount = models.PositiveBigIntegerField(_("số tiền phải nộp (đồng)"), null=True, blank=True)
    payment_requested_at = models.DateTimeField(_("thời điểm yêu cầu nộp"), null=True, blank=True)
    paid_amount = models.PositiveBigIntegerField(_("số tiền đã nộp (đồng)"), null=True, blank=True)
    paid_at = models.DateTimeField(_("thời điểm nộp tiền"), null=True, blank=True)
    payment_receipt_number = models.CharField(_("số biên lai"), max_length=60, blank=True)
    paid_online = models.PositiveSmallIntegerField(
        _("thanh toán trực tuyến"), choices=PaidOnline.choices, default=PaidOnline.NO
    )

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["receiving_unit", "status_code"], name="dossier_recv_status"),
            models.Index(fields=["current_unit", "status_code"], name="dossier_curr_status"),
            # The receipt slip's entry number in the tracking book: receipts of one unit in a year.
            models.Index(fields=["receiving_unit", "received_at"], name="dossier_recv_received"),
            # The worklist tabs (waiting, to assign, to sign, to return…) in due-date order:
            # returned dossiers, nearly all of them after a year, are left out, so PostgreSQL
            # walks this short index instead of the whole due-date one.
            models.Index(
                fields=["due_at", "id"],
                condition=~Q(status_code=10),
                name="dossier_unreturned_due",
            ),
            # The desk's "All" tab, newest submissions first.
            models.Index(fields=["-submitted_at", "-id"], name="dossier_submitted_desc"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    *[Q(status=status, status_code=code) for status, code in STATUS_CODES.items()],
                    _connector=Q.OR,
                ),
                name="dossier_status_code_matches",
            ),
            models.CheckConstraint(
                condition=Q(paid_online__in=[0, 1, 2]), name="dossier_paid_online_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def save(self, *args, **kwargs):
        # Derived search column only; no business rules here.
        self.applicant_search = fold(self.applicant_name)[:255]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "applicant_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "applicant_search"}
        super().save(*args, **kwargs)

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL_STATUSES

    @property
    def is_paused(self) -> bool:
        return self.paused_since is not None

    @property
    def supplement_visits_exceeded(self) -> bool:
        """Decree 63/2010 Art. 20(4): no more than two visits to supplement one matter."""
        return self.visit_count > 2


class DossierPartReceived(models.Model):
    """A procedure part that was handed in with the dossier."""

    # Indexed by dossier_part_once, which leads with the dossier.
    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="parts", db_index=False
    )
    part = models.ForeignKey(
        DossierPart, verbose_name=_("thành phần"), on_delete=models.PROTECT, related_name="+"
    )
    form = models.CharField(_("hình thức"), max_length=20, choices=PartForm.choices)
    copies = models.PositiveSmallIntegerField(_("số bản"), default=1)
    digitised = models.BooleanField(_("đã số hóa"), default=False)
    reused = models.BooleanField(_("tái sử dụng dữ liệu"), default=False)
    file_path = models.CharField(_("tệp"), max_length=500, blank=True)
    received_at = models.DateTimeField(_("thời điểm nhận"))

    class Meta:
        verbose_name = _("thành phần hồ sơ đã nhận")
        verbose_name_plural = _("thành phần hồ sơ đã nhận")
        ordering = ["part__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "part"], name="dossier_part_once"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.part_id}"


class SlipKind(models.TextChoices):
    RECEIPT_SLIP = "receipt_slip", _("Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
    SUPPLEMENT_REQUEST = "supplement_request", _("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")
    REFUSAL_SLIP = "refusal_slip", _("Phiếu từ chối tiếp nhận giải quyết hồ sơ")
    APOLOGY_SLIP = "apology_slip", _("Phiếu xin lỗi và hẹn lại ngày trả kết quả")
    STOP_NOTICE = "stop_notice", _("Thông báo dừng giải quyết hồ sơ")
    CONTROL_SLIP = "control_slip", _("Phiếu kiểm soát quá trình giải quyết hồ sơ")
    TRACKING_BOOK = "tracking_book", _("Sổ theo dõi hồ sơ")
    PAYMENT_NOTICE = "payment_notice", _("Thông báo nghĩa vụ tài chính")
    PAYMENT_RECEIPT = "payment_receipt", _("Biên lai thu phí, lệ phí")
    WITHDRAWAL_RECORD = "withdrawal_record", _("Biên bản rút hồ sơ")


class DossierEvent(models.Model):
    """One entry of a dossier's history; a database trigger refuses UPDATE and DELETE."""

    # Indexed by dossier_event_seq_unique, which leads with the dossier.
    dossier = models.ForeignKey(
        Dossier, on_delete=models.PROTECT, related_name="events", db_index=False
    )
    seq = models.PositiveIntegerField(_("số thứ tự"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_role = models.CharField(_("vai trò"), max_length=30, blank=True)
    at = models.DateTimeField(_("thời điểm"))
    action = models.CharField(_("thao tác"), max_length=30)
    from_status = models.CharField(_("trạng thái trước"), max_length=30, blank=True)
    to_status = models.CharField(_("trạng thái sau"), max_length=30, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True)
    slip = models.CharField(_("phiếu"), max_length=30, choices=SlipKind.choices, blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("đính chính sự kiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )

    class Meta:
        verbose_name = _("sự kiện hồ sơ")
        verbose_name_plural = _("sự kiện hồ sơ")
        ordering = ["dossier_id", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "seq"], name="dossier_event_seq_unique"),
        ]
        indexes = [models.Index(fields=["action", "at"], name="dossier_event_action_at")]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.seq} {self.action}"

    @property
    def changes_status(self) -> bool:
        return bool(self.to_status) and self.to_status != self.from_status


class DossierStep(models.Model):
    """A step of one dossier's internal process: one row of the control slip (Mẫu 05)."""

    # Indexed by dossier_step_order_unique, which leads with the dossier.
    dossier = models.ForeignKey(
        Dossier, on_delete=models.PROTECT, related_name="steps", db_index=False
    )
    order = models.PositiveSmallIntegerField(_("bước"))
    procedure_step = models.ForeignKey(
        ProcedureStep, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("nội dung công việc"), max_length=255)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị nhận"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("vai trò thực hiện"), max_length=30, blank=True)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    giver_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị giao"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người giao"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    budget_minutes = models.PositiveIntegerField(_("thời gian (phút làm việc)"), default=0)
    started_at = models.DateTimeField(_("thời điểm nhận"))
    due_at = models.DateTimeField(_("hạn của bước"))
    paused_minutes = models.PositiveIntegerField(_("thời gian tạm dừng (phút)"), default=0)
    ended_at = models.DateTimeField(_("thời điểm chuyển đi"), null=True, blank=True)
    outcome = models.CharField(_("kết quả"), max_length=10, choices=Outcome.choices, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("bước xử lý hồ sơ")
        verbose_name_plural = _("bước xử lý hồ sơ")
        ordering = ["dossier_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "order"], name="dossier_step_order_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} — {self.order}. {self.name}"


class SupplementPhase(models.TextChoices):
    INTAKE = "intake", _("Khi tiếp nhận")
    PROCESSING = "processing", _("Trong quá trình giải quyết")


class SupplementRequest(models.Model):
    """A request to supplement or complete the dossier (Mẫu 02)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="supplements")
    phase = models.CharField(_("giai đoạn"), max_length=20, choices=SupplementPhase.choices)
    items = models.JSONField(_("nội dung cần bổ sung"), default=list)
    reason = models.TextField(_("lý do"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("thời điểm yêu cầu"))
    fulfilled_at = models.DateTimeField(_("thời điểm bổ sung đủ"), null=True, blank=True)
    paused_minutes = models.PositiveIntegerField(_("thời gian tạm dừng (phút)"), default=0)

    class Meta:
        verbose_name = _("yêu cầu bổ sung")
        verbose_name_plural = _("yêu cầu bổ sung")
        ordering = ["dossier_id", "requested_at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.phase} {self.requested_at:%Y-%m-%d}"


class CodeCounter(models.Model):
    """The last daily sequence number issued by one receiving agency on one local day."""

    agency_code = models.CharField(max_length=20)
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("bộ đếm mã hồ sơ")
        verbose_name_plural = _("bộ đếm mã hồ sơ")
        constraints = [
            models.UniqueConstraint(fields=["agency_code", "day"], name="code_counter_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_code} {self.day:%y%m%d} {self.last}"
