"""Forms of the desk: receiving a paper dossier, the worklist filters and one form per action.

Each action form's `cleaned_data` is the `data` that `desk.actions.perform` takes.
"""

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import Field
from motcua.core.dates import DateField
from motcua.core.money import MoneyField
from motcua.core.text import nfc
from motcua.core.validators import within_service_years
from motcua.core.widgets import DateTimeInput
from motcua.dossiers.models import Channel, PaidOnline, ReturnMethod, Status

TEXT = {"maxlength": 2000, "rows": 2}
ACCEPT = "application/pdf,image/jpeg,image/png"


class CleanText(forms.CharField):
    """NFC, control characters dropped, trimmed."""

    def to_python(self, value):
        return nfc(super().to_python(value))


def _reason(required=True, label=None):
    return CleanText(
        label=label or _("Lý do"), required=required, max_length=2000, widget=forms.Textarea(TEXT)
    )


def _note():
    return CleanText(
        label=_("Ghi chú"), required=False, max_length=2000, widget=forms.Textarea(TEXT)
    )


# --- receiving at the desk --------------------------------------------------------------------


class ReceiveDeskForm(forms.Form):
    INTENTS = (
        ("receive", _("Tiếp nhận")),
        ("supplement", _("Yêu cầu bổ sung")),
        ("refuse", _("Từ chối")),
    )

    procedure = forms.CharField(max_length=20, widget=forms.HiddenInput)
    unit = forms.ChoiceField(label=_("Đơn vị tiếp nhận"))
    channel = forms.TypedChoiceField(
        label=_("Hình thức nộp"),
        coerce=int,
        choices=[
            (Channel.DIRECT.value, Channel.DIRECT.label),
            (Channel.POSTAL.value, Channel.POSTAL.label),
        ],
        initial=Channel.DIRECT.value,
    )
    applicant_name = CleanText(label=_("Họ tên người nộp, tên tổ chức"), max_length=255)
    applicant_id_number = CleanText(
        label=_("Số định danh cá nhân, mã số"), max_length=30, required=False
    )
    applicant_phone = CleanText(label=_("Điện thoại"), max_length=20, required=False)
    applicant_email = CleanText(label=_("Thư điện tử"), max_length=254, required=False)
    applicant_address = CleanText(label=_("Địa chỉ"), max_length=500, required=False)
    parts = forms.TypedMultipleChoiceField(
        label=_("Thành phần hồ sơ đã nhận"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    extra_items = CleanText(
        label=_("Nội dung khác cần bổ sung, hoàn thiện (mỗi dòng một nội dung)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(TEXT),
    )
    reason = _reason(required=False, label=_("Lý do từ chối tiếp nhận"))
    note = _note()
    intent = forms.ChoiceField(choices=INTENTS, initial="receive")

    def __init__(self, *args, version=None, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.code, u.name) for u in units]
        parts = list(version.parts.all()) if version is not None else []
        self.fields["parts"].choices = [(p.pk, p.name) for p in parts]
        self.part_rows = parts

    def applicant(self) -> dict:
        d = self.cleaned_data
        return {
            "name": d["applicant_name"],
            "id_number": d["applicant_id_number"],
            "phone": d["applicant_phone"],
            "email": d["applicant_email"],
            "address": d["applicant_address"],
        }

    def filing(self, version) -> dict:
        """The arguments of the service that files the dossier (received, or entered)."""
        d = self.cleaned_data
        return {
            "procedure_code": version.procedure.code,
            "unit_code": d["unit"],
            "channel": d["channel"],
            "applicant": self.applicant(),
            "parts_received": d["parts"],
            "note": d["note"],
        }

    def extra(self) -> list[str]:
        return [
            line for line in (nfc(x) for x in self.cleaned_data["extra_items"].splitlines()) if line
        ]


# --- worklist filters -------------------------------------------------------------------------


@dataclass(frozen=True)
class Control:
    """One filter as plain data for the worklist template: what `as_field_group` would show
    (label, errors, the input or the select with its options) without rendering Django's
    widget templates, one template per option (the worklist page's slowest part)."""

    id: str
    name: str
    label: str  # with the form's suffix, as `label_tag()` adds it
    kind: str  # "select", or the type of an <input>
    attrs: str  # the other attributes, escaped
    value: str | None = None
    options: tuple = ()  # (value, label, selected)
    errors: tuple = ()


def _label(bound: forms.BoundField) -> str:
    label = str(bound.label or "")
    field_suffix = bound.field.label_suffix
    suffix = field_suffix if field_suffix is not None else bound.form.label_suffix
    # Django's label_tag also spares labels ending in these (the same in Vietnamese and English).
    if suffix and label and label[-1] not in ":?.!":
        return label + str(suffix)
    return label


def control(bound: forms.BoundField) -> Control:
    """`bound` as a `Control`; attributes and values as `BoundField.as_widget()` builds them."""
    widget = bound.field.widget
    attrs = bound.build_widget_attrs({}, widget)
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    attrs = widget.build_attrs(widget.attrs, attrs)
    id_ = attrs.pop("id", "")
    value = widget.format_value(bound.value())
    common = {
        "id": id_,
        "name": bound.html_name,
        "label": _label(bound),
        "attrs": flatatt(attrs),
        "errors": tuple(bound.errors),
    }
    if isinstance(widget, forms.Select) and not widget.allow_multiple_selected:
        chosen = value[0] if value else ""
        options, found = [], False
        for key, label in bound.field.choices:
            selected = not found and str(key) == chosen
            found = found or selected
            options.append((str(key), label, selected))
        return Control(kind="select", options=tuple(options), **common)
    if not isinstance(widget, forms.widgets.Input) or isinstance(widget, forms.CheckboxInput):
        raise TypeError(f"{type(widget).__name__}: not a widget the worklist filters draw")
    return Control(kind=widget.input_type, value=value, **common)


class WorklistFilterForm(forms.Form):
    q = CleanText(label=_("Mã hồ sơ, tên hoặc điện thoại"), required=False, max_length=200)
    procedure = CleanText(label=_("Mã thủ tục"), required=False, max_length=20)
    field = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *list(Status.choices)]
    )
    channel = forms.TypedChoiceField(
        label=_("Kênh"), required=False, coerce=int, empty_value=None,
        choices=[("", _("Tất cả")), *list(Channel.choices)],
    )  # fmt: skip
    date_from = DateField(label=_("Nộp từ ngày"), required=False, validators=[within_service_years])
    date_to = DateField(label=_("đến ngày"), required=False, validators=[within_service_years])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("Tất cả"))] + [
            (f.code, f.name) for f in Field.objects.only("code", "name")
        ]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc."))
        return data

    def controls(self) -> list[Control]:
        return [control(bound) for bound in self]


# --- one form per action ----------------------------------------------------------------------


class ActionForm(forms.Form):
    def __init__(self, *args, dossier=None, choices=None, **kwargs):
        kwargs.setdefault("auto_id", f"id_{self.action}_%s")
        super().__init__(*args, **kwargs)
        self.dossier = dossier
        self.setup(choices or {})

    def setup(self, choices: dict) -> None:
        """Fill choices that depend on the dossier."""


class PartsMixin:
    def setup(self, choices):
        self.fields["parts_received"].choices = choices.get("parts", [])


def _parts_field(label):
    return forms.TypedMultipleChoiceField(
        label=label, coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )


class ReceiveForm(PartsMixin, ActionForm):
    action = "receive"
    parts_received = _parts_field(_("Thành phần nhận thêm"))
    note = _note()


class RefuseForm(ActionForm):
    action = "refuse"
    reason = _reason(label=_("Lý do từ chối tiếp nhận"))


class RequestSupplementForm(ActionForm):
    action = "request_supplement"
    items = CleanText(
        label=_("Nội dung cần bổ sung, hoàn thiện (mỗi dòng một nội dung)"),
        max_length=2000,
        widget=forms.Textarea(TEXT),
    )
    reason = _reason(required=False)

    def clean_items(self):
        return [line for line in (nfc(x) for x in self.cleaned_data["items"].splitlines()) if line]


class SubmitSupplementForm(PartsMixin, ActionForm):
    action = "submit_supplement"
    parts_received = _parts_field(_("Thành phần đã nhận bổ sung"))
    in_person = forms.BooleanField(
        label=_("Công dân đến nộp trực tiếp"), required=False, initial=True
    )
    note = _note()


class AssignForm(ActionForm):
    action = "assign"
    assignee = forms.ChoiceField(label=_("Người được giao"), required=False)
    note = _note()

    def setup(self, choices):
        self.fields["assignee"].choices = [("", _("— Chưa chọn —")), *choices.get("staff", [])]


class HandOverForm(ActionForm):
    action = "hand_over"
    to_unit = forms.ChoiceField(label=_("Chuyển đến"), required=False)
    assignee = CleanText(
        label=_("Tên đăng nhập người nhận (nếu biết)"), required=False, max_length=150
    )
    note = _note()

    def setup(self, choices):
        self.fields["to_unit"].choices = [
            ("", _("Bước tiếp theo của quy trình")),
            *choices.get("units", []),
        ]


class RequestPaymentForm(ActionForm):
    action = "request_payment"
    amount = MoneyField(label=_("Số tiền (đồng)"), min_value=1)
    note = _note()


class RecordPaymentForm(ActionForm):
    action = "record_payment"
    amount = MoneyField(label=_("Số tiền đã nộp (đồng)"), min_value=1)
    receipt_number = CleanText(label=_("Số biên lai"), max_length=60)
    paid_online = forms.TypedChoiceField(
        label=_("Hình thức"), coerce=int, choices=PaidOnline.choices, initial=PaidOnline.NO
    )


class ApologiseForm(ActionForm):
    action = "apologise"
    new_appointment_at = forms.DateTimeField(
        label=_("Ngày hẹn trả mới"),
        widget=DateTimeInput(),
        input_formats=["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M"],
        validators=[within_service_years],
    )
    reason = _reason(label=_("Lý do chậm trễ"))

    def clean_new_appointment_at(self):
        value: dt.datetime = self.cleaned_data["new_appointment_at"]
        return value if timezone.is_aware(value) else timezone.make_aware(value)


def _result_upload(label):
    # Checked by content and size when staged (`portal.uploads.Staging`), not by its name.
    return forms.FileField(
        label=label, required=False, widget=forms.ClearableFileInput(attrs={"accept": ACCEPT})
    )


class ResolveForm(ActionForm):
    action = "resolve"
    granted = forms.TypedChoiceField(
        label=_("Kết quả"),
        coerce=lambda v: v == "1",
        choices=[("1", _("Giải quyết")), ("0", _("Không giải quyết"))],
        widget=forms.RadioSelect,
    )
    result_number = CleanText(label=_("Số văn bản kết quả"), required=False, max_length=60)
    result_date = DateField(label=_("Ngày ký"), required=False, validators=[within_service_years])
    signer = CleanText(label=_("Người ký"), required=False, max_length=255)
    reason = _reason(required=False, label=_("Lý do không giải quyết"))
    # The dossier has an electronic result exactly when this file is attached.
    result_upload = _result_upload(_("Tệp kết quả điện tử (PDF, JPEG hoặc PNG)"))


class ReturnForm(ActionForm):
    action = "return_result"
    method = forms.ChoiceField(
        label=_("Hình thức trả"), choices=ReturnMethod.choices, initial=ReturnMethod.DESK
    )
    result_upload = _result_upload(
        _("Tệp kết quả điện tử, nếu lúc ban hành chưa đính kèm (PDF, JPEG hoặc PNG)")
    )
    note = _note()

    def setup(self, choices):
        if self.dossier is not None and self.dossier.result_file:
            del self.fields["result_upload"]


class WithdrawForm(ActionForm):
    action = "withdraw"
    reason = _reason(required=False, label=_("Nội dung đơn xin rút hồ sơ"))


class StopForm(ActionForm):
    action = "stop"
    reason = _reason(label=_("Lý do dừng xử lý"))


ACTION_FORMS: dict[str, type[ActionForm]] = {
    form.action: form
    for form in (
        ReceiveForm,
        RefuseForm,
        RequestSupplementForm,
        SubmitSupplementForm,
        AssignForm,
        HandOverForm,
        RequestPaymentForm,
        RecordPaymentForm,
        ApologiseForm,
        ResolveForm,
        ReturnForm,
        WithdrawForm,
        StopForm,
    )
}
