"""Forms of the security pages: a one-time code, a new API token, the staff password reset."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from motcua.core.text import nfc

from .tokens import LIFETIME_DAYS


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực (6 chữ số)"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        code = "".join(ch for ch in self.cleaned_data["code"] if not ch.isspace())
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError(_("Mã xác thực gồm đúng 6 chữ số."))
        return code


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Tên gợi nhớ (ví dụ: phần mềm kết nối của phòng)"), max_length=100, required=False
    )
    days = forms.TypedChoiceField(
        label=_("Thời hạn"),
        coerce=int,
        choices=[(d, _("%(days)d ngày") % {"days": d}) for d in LIFETIME_DAYS],
        initial=30,
    )

    def clean_name(self):
        return nfc(self.cleaned_data["name"]).strip()


class StaffPasswordResetForm(auth_forms.PasswordResetForm):
    """Only active staff accounts receive a reset link; the answer never tells who exists."""

    def get_users(self, email):
        return (u for u in super().get_users(email) if u.is_staff)
