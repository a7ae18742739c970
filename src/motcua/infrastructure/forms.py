"""Forms of the infrastructure pages: they parse types only; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Basis, Condition, FacilityStatus


class FacilityForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"))
    name = forms.CharField(label=_("Tên"), max_length=255)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    capacity = forms.IntegerField(label=_("Công suất"), min_value=0, required=False)
    condition = forms.ChoiceField(
        label=_("Hiện trạng"), choices=[("", "—"), *Condition.choices], required=False
    )
    year_built = forms.IntegerField(label=_("Năm xây dựng"), required=False)
    status = forms.ChoiceField(label=_("Tình trạng"), choices=FacilityStatus.choices)
    note = forms.CharField(
        label=_("Ghi chú"), max_length=2000, required=False, widget=forms.Textarea
    )

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.code, k.name) for k in kinds]


class FacilityEditForm(FacilityForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["kind"]


class GroupsForm(forms.Form):
    residential_groups = forms.IntegerField(label=_("Số tổ dân phố"))


class RequirementForm(forms.Form):
    kind = forms.CharField(max_length=40)
    quantity = forms.IntegerField(label=_("Số lượng yêu cầu riêng"), required=False)
    note = forms.CharField(label=_("Căn cứ"), max_length=255, required=False)


class KindForm(forms.Form):
    code = forms.CharField(label=_("Mã (để trống khi thêm mới)"), max_length=40, required=False)
    name = forms.CharField(label=_("Tên"), max_length=120)
    basis = forms.ChoiceField(label=_("Cách tính"), choices=Basis.choices)
    quantity = forms.IntegerField(label=_("Số lượng yêu cầu"))
    order = forms.IntegerField(label=_("Thứ tự"), required=False)
    capacity_unit = forms.CharField(label=_("Đơn vị công suất"), max_length=40, required=False)
    active = forms.BooleanField(label=_("Đang áp dụng"), required=False, initial=True)
