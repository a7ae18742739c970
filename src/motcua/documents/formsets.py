"""The form sets of the two regimes: slip kind × regime → form number, title, paper.

The only place that knows which circular prints which form; templates read a `FormSpec`.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError
from motcua.dossiers.models import Regime, SlipKind

A5 = "A5"
A4 = "A4"
PAPERS = (A5, A4)

SLIP_KINDS: tuple[str, ...] = (
    SlipKind.RECEIPT_SLIP,
    SlipKind.SUPPLEMENT_REQUEST,
    SlipKind.REFUSAL_SLIP,
    SlipKind.APOLOGY_SLIP,
    SlipKind.STOP_NOTICE,
    SlipKind.CONTROL_SLIP,
)

CIRCULARS = {
    Regime.R2018: _("Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ"),
    Regime.R2025: _("Thông tư số 03/2025/TT-VPCP ngày 15/09/2025 của Văn phòng Chính phủ"),
}


@dataclass(frozen=True)
class FormSpec:
    """How one slip kind is printed under one regime."""

    kind: str
    regime: str
    number: str  # "01"…"07"; empty when the circular has no form for the kind
    title: str  # lazy: translated when printed
    paper: str = A5
    landscape: bool = False

    @property
    def label(self) -> str:
        """`Mẫu số 01`, or empty for a notice the circular does not standardise."""
        return str(_("Mẫu số %(n)s") % {"n": self.number}) if self.number else ""

    @property
    def circular(self) -> str:
        return str(CIRCULARS[self.regime])

    def page_size(self, paper: str | None = None) -> str:
        """The CSS `@page size` value, e.g. `A5` or `A4 landscape`."""
        size = paper or self.paper
        return f"{size} landscape" if self.landscape else size


def _spec(kind, regime, number, title, paper=A5, landscape=False) -> FormSpec:
    return FormSpec(kind, regime, number, title, paper, landscape)


R18, R25 = Regime.R2018, Regime.R2025
K = SlipKind

FORM_SETS: dict[tuple[str, str], FormSpec] = {
    (s.kind, s.regime): s
    for s in (
        _spec(K.RECEIPT_SLIP, R18, "01", _("Giấy tiếp nhận hồ sơ và hẹn trả kết quả")),
        _spec(K.SUPPLEMENT_REQUEST, R18, "02", _("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")),
        _spec(K.REFUSAL_SLIP, R18, "03", _("Phiếu từ chối tiếp nhận giải quyết hồ sơ")),
        _spec(K.APOLOGY_SLIP, R18, "04", _("Phiếu xin lỗi và hẹn lại ngày trả kết quả")),
        # Circular 01/2018 has no stop form: the notice is printed without a form number.
        _spec(K.STOP_NOTICE, R18, "", _("Thông báo dừng giải quyết hồ sơ")),
        _spec(K.CONTROL_SLIP, R18, "05", _("Phiếu kiểm soát quá trình giải quyết hồ sơ")),
        _spec(K.TRACKING_BOOK, R18, "06", _("Sổ theo dõi hồ sơ"), A4, landscape=True),
        _spec(K.RECEIPT_SLIP, R25, "01", _("Giấy tiếp nhận hồ sơ và hẹn trả kết quả")),
        _spec(K.SUPPLEMENT_REQUEST, R25, "02", _("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")),
        _spec(K.REFUSAL_SLIP, R25, "03", _("Phiếu từ chối tiếp nhận giải quyết hồ sơ")),
        _spec(
            K.APOLOGY_SLIP,
            R25,
            "04",
            _("Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"),
        ),
        _spec(K.STOP_NOTICE, R25, "05", _("Thông báo dừng giải quyết hồ sơ")),
        _spec(K.CONTROL_SLIP, R25, "06", _("Phiếu kiểm soát quá trình giải quyết hồ sơ")),
        _spec(K.TRACKING_BOOK, R25, "07", _("Sổ theo dõi hồ sơ"), A4, landscape=True),
    )
}


def form_for(kind: str, regime: str) -> FormSpec:
    """The form printed for `kind` under `regime`; a DomainError for an unknown pair."""
    try:
        return FORM_SETS[(kind, regime)]
    except KeyError:
        raise DomainError(
            "unknown_slip",
            _("Không có biểu mẫu “%(kind)s” theo chế độ “%(regime)s”.")
            % {"kind": kind, "regime": regime},
            status=404,
        ) from None


def check_paper(paper: str | None) -> str | None:
    if paper is not None and paper not in PAPERS:
        raise DomainError(
            "unknown_paper",
            _("Khổ giấy phải là một trong: %(papers)s.") % {"papers": ", ".join(PAPERS)},
        )
    return paper
