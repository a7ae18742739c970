"""Forms of the construction-order pages: they parse types only; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.dates import DateField
from motcua.core.money import MoneyField
from motcua.core.validators import within_service_years

from .models import InspectionResult, SiteStatus, ViolationKind, ViolationStatus, WorkType


def _date(label, required=True):
    return DateField(label=label, required=required, validators=[within_service_years])


class SiteForm(forms.Form):
    ward = forms.ChoiceField(label=_("Phường"))
    address = forms.CharField(label=_("Địa chỉ"), max_length=255)
    plot_number = forms.CharField(label=_("Thửa đất số"), max_length=20, required=False)
    map_sheet = forms.CharField(label=_("Tờ bản đồ số"), max_length=20, required=False)
    owner_name = forms.CharField(label=_("Chủ đầu tư"), max_length=255)
    owner_phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    work_type = forms.ChoiceField(label=_("Loại công trình"), choices=WorkType.choices)
    floors = forms.IntegerField(label=_("Số tầng"), min_value=0, max_value=200, required=False)
    floor_area_m2 = forms.IntegerField(
        label=_("Tổng diện tích sàn (m²)"), min_value=0, max_value=10_000_000, required=False
    )
    scale_note = forms.CharField(label=_("Quy mô (mô tả)"), max_length=255, required=False)
    status = forms.ChoiceField(
        label=_("Tình trạng"), choices=SiteStatus.choices, initial=SiteStatus.UNDER_CONSTRUCTION
    )
    permit_dossier_code = forms.CharField(
        label=_("Mã hồ sơ cấp phép (nếu cấp qua một cửa)"), max_length=40, required=False
    )
    permit_number = forms.CharField(label=_("Số giấy phép"), max_length=60, required=False)
    permit_date = _date(_("Ngày cấp phép"), required=False)
    permit_conditions = forms.CharField(
        label=_("Điều kiện của giấy phép"), max_length=2000, required=False, widget=forms.Textarea
    )
    started_on = _date(_("Ngày khởi công"), required=False)

    def __init__(self, *args, wards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward"].choices = [(w.code, w.name) for w in wards]


class SiteEditForm(forms.Form):
    address = forms.CharField(label=_("Địa chỉ"), max_length=255)
    plot_number = forms.CharField(label=_("Thửa đất số"), max_length=20, required=False)
    map_sheet = forms.CharField(label=_("Tờ bản đồ số"), max_length=20, required=False)
    owner_name = forms.CharField(label=_("Chủ đầu tư"), max_length=255)
    owner_phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    work_type = forms.ChoiceField(label=_("Loại công trình"), choices=WorkType.choices)
    floors = forms.IntegerField(label=_("Số tầng"), min_value=0, max_value=200, required=False)
    floor_area_m2 = forms.IntegerField(
        label=_("Tổng diện tích sàn (m²)"), min_value=0, max_value=10_000_000, required=False
    )
    scale_note = forms.CharField(label=_("Quy mô (mô tả)"), max_length=255, required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng mới"), choices=SiteStatus.choices)
    on = _date(_("Từ ngày"), required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=5000, required=False)


class PermitLinkForm(forms.Form):
    dossier_code = forms.CharField(label=_("Mã hồ sơ cấp phép"), max_length=40)


class PlanInspectionForm(forms.Form):
    planned_on = _date(_("Ngày kiểm tra theo kế hoạch"))
    inspector_name = forms.CharField(label=_("Người kiểm tra"), max_length=255, required=False)


class RecordInspectionForm(forms.Form):
    done_on = _date(_("Ngày kiểm tra thực tế"))
    result = forms.ChoiceField(label=_("Kết luận"), choices=InspectionResult.choices)
    findings = forms.CharField(
        label=_("Kết quả kiểm tra"), max_length=5000, required=False, widget=forms.Textarea
    )
    inspector_name = forms.CharField(label=_("Người kiểm tra"), max_length=255, required=False)


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Ảnh (JPEG, PNG)"))


class ViolationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hành vi vi phạm"), choices=ViolationKind.choices)
    found_on = _date(_("Ngày phát hiện"))
    record_number = forms.CharField(label=_("Số biên bản"), max_length=60, required=False)
    description = forms.CharField(
        label=_("Mô tả"), max_length=5000, required=False, widget=forms.Textarea
    )


class DecisionForm(forms.Form):
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decided_on = _date(_("Ngày quyết định"))
    fine_amount = MoneyField(label=_("Tiền phạt (đồng)"))
    remedy_days = forms.IntegerField(label=_("Thời hạn khắc phục (ngày làm việc)"), required=False)
    remedy_due_on = _date(_("hoặc hạn khắc phục (ngày)"), required=False)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Kết quả"),
        choices=[
            (ViolationStatus.REMEDIED, ViolationStatus.REMEDIED.label),
            (ViolationStatus.ENFORCED, ViolationStatus.ENFORCED.label),
        ],
    )
    closed_on = _date(_("Ngày hoàn thành"))
    note = forms.CharField(label=_("Ghi chú"), max_length=5000, required=False)


def first_error(form: forms.Form) -> str:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        return f"{label}: {errors[0]}" if label else str(errors[0])
    return ""
