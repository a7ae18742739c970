"""The Vietnamese texts of the messages sent on dossier events: a subject, an e-mail body and a
short SMS, built from the dossier and the event that triggered them."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.templatetags.motcua import format_money
from motcua.documents.lookup import lookup_url
from motcua.dossiers.models import Dossier, DossierEvent

from .models import Template

# Which event action sends which message.
TEMPLATE_OF_ACTION = {
    "submit": Template.SUBMITTED,
    "receive": Template.RECEIVED,
    "refuse": Template.REFUSED,
    "request_supplement": Template.SUPPLEMENT_REQUESTED,
    "request_payment": Template.PAYMENT_REQUESTED,
    "apologise": Template.APOLOGY,
    "resolve": Template.RESULT_READY,
    "return_result": Template.RETURNED,
}


@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    sms: str


def _when(value) -> str:
    return timezone.localtime(value).strftime("%H:%M %d/%m/%Y") if value else "—"


def rating_link(dossier: Dossier) -> str:
    from motcua.portal.ratings import rating_token

    return settings.SITE_URL + reverse("portal:rate_by_link", args=[rating_token(dossier)])


def _lines(template: str, dossier: Dossier, event: DossierEvent) -> tuple[str, list[str]]:
    d = {
        "code": dossier.code,
        "procedure": dossier.procedure_version.name,
        "at": _when(event.at),
        "due": _when(dossier.appointment_at or dossier.due_at),
        "unit": dossier.receiving_unit.name,
    }
    data = event.data or {}
    if template == Template.SUBMITTED:
        return _("Đã nộp hồ sơ %(code)s") % d, [
            _("Hồ sơ %(code)s (%(procedure)s) đã được nộp trực tuyến lúc %(at)s.") % d,
            _("%(unit)s sẽ kiểm tra và thông báo việc tiếp nhận hồ sơ.") % d,
        ]
    if template == Template.RECEIVED:
        return _("Đã tiếp nhận hồ sơ %(code)s") % d, [
            _("Hồ sơ %(code)s (%(procedure)s) đã được tiếp nhận lúc %(at)s.") % d,
            _("Ngày hẹn trả kết quả: %(due)s.") % d,
            _("Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01) được gửi kèm thư này."),
        ]
    if template == Template.REFUSED:
        return _("Hồ sơ %(code)s không được tiếp nhận") % d, [
            _("Hồ sơ %(code)s không được tiếp nhận.") % d,
            _("Lý do: %(reason)s") % {"reason": data.get("reason") or dossier.closing_reason},
        ]
    if template == Template.SUPPLEMENT_REQUESTED:
        items = data.get("items") or []
        return _("Yêu cầu bổ sung hồ sơ %(code)s") % d, [
            _("Hồ sơ %(code)s cần được bổ sung, hoàn thiện các nội dung sau:") % d,
            *[f"- {item}" for item in items],
            _("Bạn có thể nộp bổ sung trên trang tra cứu hồ sơ."),
        ]
    if template == Template.PAYMENT_REQUESTED:
        amount = format_money(data.get("amount") or dossier.fee_amount)
        return _("Yêu cầu nộp phí, lệ phí cho hồ sơ %(code)s") % d, [
            _("Hồ sơ %(code)s cần nộp phí, lệ phí: %(amount)s.") % {**d, "amount": amount},
            _("Bạn có thể thanh toán trực tuyến trên trang tra cứu hồ sơ."),
        ]
    if template == Template.APOLOGY:
        return _("Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ %(code)s") % d, [
            _("%(unit)s xin lỗi vì hồ sơ %(code)s chưa được giải quyết đúng hạn.") % d,
            _("Lý do: %(reason)s") % {"reason": data.get("reason") or event.note},
            _("Ngày hẹn trả kết quả mới: %(due)s.") % d,
        ]
    if template == Template.RESULT_READY:
        lines = [_("Hồ sơ %(code)s (%(procedure)s) đã có kết quả giải quyết.") % d]
        if dossier.result_file:
            lines.append(_("Kết quả điện tử có thể tải về trên trang tra cứu hồ sơ."))
        else:
            lines.append(
                _("Mời bạn nhận kết quả tại %(unit)s%(address)s, trong giờ hành chính.")
                % {**d, "address": f" ({dossier.receiving_unit.address})"
                   if dossier.receiving_unit.address else ""}
            )  # fmt: skip
        lines.append(_("Đánh giá mức độ hài lòng: %(link)s") % {"link": rating_link(dossier)})
        return _("Hồ sơ %(code)s đã có kết quả") % d, lines
    return _("Đã trả kết quả hồ sơ %(code)s") % d, [
        _("Kết quả hồ sơ %(code)s đã được trả lúc %(at)s.") % d,
        _("Cảm ơn bạn. Mời bạn đánh giá mức độ hài lòng: %(link)s")
        % {"link": rating_link(dossier)},
    ]


def build(template: str, dossier: Dossier, event: DossierEvent) -> Message:
    subject, lines = _lines(template, dossier, event)
    link = lookup_url(dossier.code)
    body = "\n".join(
        [
            _("Kính gửi %(name)s,") % {"name": dossier.applicant_name},
            "",
            *lines,
            "",
            _("Tra cứu hồ sơ: %(link)s") % {"link": link},
            "",
            _("Một Cửa điện tử — %(unit)s") % {"unit": dossier.receiving_unit.name},
        ]
    )
    sms = f"{lines[0]} {_('Tra cứu: %(link)s') % {'link': link}}"
    return Message(subject=subject, body=body, sms=sms)
