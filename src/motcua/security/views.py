"""Staff security pages: second-factor verification and enrolment, the security profile with
API tokens, and the password reset by e-mail."""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.core.errors import DomainError

from . import policy, second_factor, tokens
from .audit import record
from .forms import CodeForm, StaffPasswordResetForm, TokenForm
from .models import AuditAction


def _next_url(request, default="desk:home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return redirect(default).url


def _staff_required(view):
    return login_required(view, login_url="desk:login")


@never_cache
@_staff_required
def verify(request):
    """The step after the password for a user with a confirmed device."""
    if not second_factor.TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect(f"{reverse('security:enrol')}?{urlencode({'next': _next_url(request)})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.verify_second_factor(request=request, code=form.cleaned_data["code"]):
            return redirect(_next_url(request))
        form.add_error(
            "code",
            _("Mã xác thực không đúng hoặc đã hết hạn. Sau nhiều lần sai, hãy chờ giây lát."),
        )
    return render(
        request,
        "security/verify.html",
        {"form": form, "next": _next_url(request)},
        status=422 if form.errors else 200,
    )


@never_cache
@_staff_required
def enrol(request):
    """Show a new secret as a QR code and its text; a correct first code confirms it."""
    has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    if has_device and not request.user.is_verified():
        # Replacing a device needs the current one first.
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('security:verify')}?{query}")
    device = second_factor.pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.confirm_enrolment(
            request=request, device=device, code=form.cleaned_data["code"]
        ):
            messages.success(request, _("Đã bật xác thực hai lớp cho tài khoản của bạn."))
            return redirect(_next_url(request, "security:profile"))
        form.add_error("code", _("Mã xác thực không đúng. Hãy kiểm tra giờ trên điện thoại."))
    context = {
        "form": form,
        "next": _next_url(request, "security:profile"),
        "qr": second_factor.qr_svg(device),
        "secret": second_factor.secret_base32(device),
        "issuer": settings.OTP_TOTP_ISSUER,
        "required": request.session.get(policy.STATE_KEY) == policy.REQUIRED,
    }
    return render(request, "security/enrol.html", context, status=422 if form.errors else 200)


@never_cache
@_staff_required
def profile(request):
    """Two-factor status and the user's API tokens; a new token is shown once, here."""
    context = {
        "device": TOTPDevice.objects.filter(user=request.user, confirmed=True).first(),
        "required": policy.required_for(request.user),
        "tokens": list(tokens.active_tokens(request.user)),
        "token_form": TokenForm(),
        "new_token": request.session.pop("motcua.new_token", None),
        "idle_minutes": settings.SECURITY_IDLE_TIMEOUT // 60,
    }
    return render(request, "security/profile.html", context)


@require_POST
@_staff_required
def create_token(request):
    form = TokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Thông tin khóa truy cập không hợp lệ."))
        return redirect("security:profile")
    try:
        raw, _token = tokens.create_profile_token(
            actor=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("security:profile")
    # Kept in the session only until the next page shows it (post/redirect/get).
    request.session["motcua.new_token"] = raw
    return redirect("security:profile")


@require_POST
@_staff_required
def revoke_token(request, token_id: int):
    try:
        tokens.revoke_profile_token(actor=request.user, token_id=token_id)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã thu hồi khóa truy cập."))
    return redirect("security:profile")


@require_POST
@_staff_required
def remove_device(request):
    second_factor.remove_devices(request=request)
    messages.success(request, _("Đã gỡ thiết bị xác thực hai lớp."))
    return redirect("security:profile")


# --- password reset by e-mail ------------------------------------------------------------------


class PasswordResetView(auth_views.PasswordResetView):
    form_class = StaffPasswordResetForm
    template_name = "security/password_reset.html"
    email_template_name = "security/password_reset_email.txt"
    subject_template_name = "security/password_reset_subject.txt"
    success_url = reverse_lazy("security:password_reset_done")

    def form_valid(self, form):
        record(
            action=AuditAction.PASSWORD_RESET_REQUESTED,
            actor_from_request=False,
            detail=form.cleaned_data["email"][:60],
        )
        # Links point at SITE_URL, never at whatever Host header the request carried.
        site = urlsplit(settings.SITE_URL)
        form.save(
            domain_override=site.netloc,
            use_https=site.scheme == "https",
            subject_template_name=self.subject_template_name,
            email_template_name=self.email_template_name,
            from_email=settings.DEFAULT_FROM_EMAIL,
            request=self.request,
            extra_email_context={"site_name": _("Một Cửa")},
        )
        return redirect(self.success_url)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "security/password_reset_done.html"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "timeout_hours": max(1, settings.PASSWORD_RESET_TIMEOUT // 3600),
        }


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "security/password_reset_confirm.html"
    success_url = reverse_lazy("security:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        record(action=AuditAction.PASSWORD_CHANGED, actor=form.user, detail="reset")
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "security/password_reset_complete.html"
