"""Forms of the working-calendar admin: an override as an administrator types it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.core.dates import DateField
from motcua.core.errors import DomainError

from .models import CalendarOverride, OverrideKind
from .services import parse_intervals


class IntervalsField(forms.CharField):
    """'08:00-12:00, 13:00-17:00' ⇄ [["08:00", "12:00"], ["13:00", "17:00"]]."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(f"{start}-{end}" for start, end in value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        try:
            return parse_intervals(text)
        except DomainError as error:
            raise forms.ValidationError(error.message, code=error.code) from None


INTERVALS_HELP = _(
    "Chỉ cho ngày làm việc, ví dụ 08:00-12:00, 13:00-17:00; "
    "để trống thì dùng giờ hành chính thường lệ."
)


class CalendarOverrideForm(forms.ModelForm):
    date = DateField(label=_("Ngày"))
    intervals = IntervalsField(label=_("Giờ làm việc"), required=False, help_text=INTERVALS_HELP)

    class Meta:
        model = CalendarOverride
        fields = ["date", "kind", "name", "unit", "intervals"]

    def clean(self):
        data = super().clean()
        if data.get("kind") == OverrideKind.OFF and data.get("intervals"):
            self.add_error("intervals", _("Ngày nghỉ không có giờ làm việc."))
        date = data.get("date")
        if date is not None:
            same = CalendarOverride.objects.filter(date=date, unit=data.get("unit"))
            if self.instance.pk:
                same = same.exclude(pk=self.instance.pk)
            if same.exists():
                self.add_error(
                    "date", _("Ngày này đã có điều chỉnh cho cùng phạm vi; hãy sửa dòng đó.")
                )
        return data

    def validate_unique(self):
        # The service reports a duplicate date with its own message.
        return None


class YearOverrideForm(forms.Form):
    """The small form of the year view; the unit comes from the page being viewed."""

    date = DateField(label=_("Ngày"))
    kind = forms.ChoiceField(label=_("Loại"), choices=OverrideKind.choices)
    name = forms.CharField(label=_("Tên, lý do"), max_length=200)
    intervals = IntervalsField(label=_("Giờ làm việc"), required=False, help_text=INTERVALS_HELP)
