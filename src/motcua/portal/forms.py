"""Citizen forms: applicant details, uploads, declaration, lookup, supplement, rating, account."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError
from motcua.dossiers.intake import APPLICANT_KEYS, clean_applicant
from motcua.dossiers.models import ApplicantKind

from .models import Satisfaction, Visits
from .ratings import MAX_COMMENT

ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


class ApplicantForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Người nộp là"), choices=ApplicantKind.choices, initial=ApplicantKind.PERSON
    )
    name = forms.CharField(label=_("Họ và tên (hoặc tên tổ chức)"), max_length=255)
    id_number = forms.CharField(label=_("Số định danh cá nhân / mã số doanh nghiệp"), max_length=30)
    phone = forms.CharField(
        label=_("Số điện thoại"), max_length=20,
        help_text=_("Dùng để tra cứu hồ sơ cùng với mã hồ sơ."),
    )  # fmt: skip
    email = forms.EmailField(label=_("Thư điện tử"), max_length=254, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=500)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            self.applicant = clean_applicant(
                {k: data.get(k, "") for k in APPLICANT_KEYS}, phone_required=True
            )
        except DomainError as exc:
            field = exc.code.removeprefix("applicant_")
            self.add_error(field if field in self.fields else None, exc.message)
        return data

    def applicant_dict(self) -> dict:
        return {k.removeprefix("applicant_"): v for k, v in self.applicant.items()}


def part_field_name(part_id: int) -> str:
    return f"part_{part_id}"


class PartsForm(forms.Form):
    """One upload per dossier part of the procedure; required parts must be sent."""

    def __init__(self, *args, parts, all_optional: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.parts = list(parts)
        for part in self.parts:
            self.fields[part_field_name(part.pk)] = forms.FileField(
                label=part.name,
                required=part.required and not all_optional,
                allow_empty_file=True,  # refused with our own message when staged
                widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
            )

    def uploads(self):
        """(part, uploaded file) for each part that came with a file."""
        for part in self.parts:
            upload = self.cleaned_data.get(part_field_name(part.pk))
            if upload:
                yield part, upload


class SupplementForm(PartsForm):
    note = forms.CharField(
        label=_("Ghi chú cho cán bộ"), max_length=1000, required=False, widget=forms.Textarea
    )

    def __init__(self, *args, parts, **kwargs):
        super().__init__(*args, parts=parts, all_optional=True, **kwargs)


class DeclarationForm(forms.Form):
    declaration = forms.BooleanField(
        label=_(
            "Tôi xin cam đoan các thông tin và giấy tờ đã khai, tải lên là đúng sự thật và chịu "
            "trách nhiệm trước pháp luật."
        ),
        error_messages={"required": _("Bạn cần đánh dấu lời cam đoan trước khi nộp.")},
    )


class LookupForm(forms.Form):
    code = forms.CharField(label=_("Mã hồ sơ"), max_length=40)
    phone = forms.CharField(label=_("Số điện thoại người nộp"), max_length=20)


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Mức độ hài lòng"), choices=Satisfaction.choices, coerce=int,
        widget=forms.RadioSelect,
    )  # fmt: skip
    visit_count = forms.TypedChoiceField(
        label=_("Số lần phải đi lại để giải quyết hồ sơ"), choices=Visits.choices, coerce=int,
        widget=forms.RadioSelect,
    )  # fmt: skip
    comment = forms.CharField(
        label=_("Ý kiến khác (không bắt buộc)"), max_length=MAX_COMMENT, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class SignUpForm(forms.Form):
    email = forms.EmailField(label=_("Thư điện tử"), max_length=150)
    password1 = forms.CharField(label=_("Mật khẩu"), widget=forms.PasswordInput, max_length=128)
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"), widget=forms.PasswordInput, max_length=128
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(username__iexact=email).exists():
            raise forms.ValidationError(_("Thư điện tử này đã được đăng ký."))
        return email

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Hai mật khẩu không giống nhau."))
        elif p1 and data.get("email"):
            user = get_user_model()(username=data["email"], email=data["email"])
            try:
                password_validation.validate_password(p1, user)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data

    def save(self):
        return get_user_model().objects.create_user(
            username=self.cleaned_data["email"],
            email=self.cleaned_data["email"],
            password=self.cleaned_data["password1"],
            is_staff=False,
        )


class SignInForm(AuthenticationForm):
    username = forms.EmailField(label=_("Thư điện tử"), max_length=150)

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()
