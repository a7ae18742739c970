"""TOTP second factor: enrolment with a QR code, verification after the password, removal."""

import base64

import segno
from django.db import transaction
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import policy
from .audit import record
from .models import AuditAction

DEVICE_NAME = "Ứng dụng xác thực"


def pending_device(user) -> TOTPDevice:
    """The unconfirmed device being enrolled (one per user), created on first visit."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_base32(device: TOTPDevice) -> str:
    """The key as the authenticator apps type it: base32, in groups of four."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code (no script, no style attribute)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", title="otpauth"
    )


def _clean(code: str) -> str:
    return "".join(ch for ch in code if ch.isdigit())[:8]


def confirm_enrolment(*, request, device: TOTPDevice, code: str) -> bool:
    """Confirm the device with a first code; it replaces any previous device of the user."""
    user = request.user
    if device.user_id != user.pk or device.confirmed:
        return False
    if not device.verify_token(_clean(code)):
        record(action=AuditAction.OTP_FAILED, actor=user, request=request, detail="enrolment")
        return False
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        record(action=AuditAction.OTP_ENROLLED, actor=user, request=request, obj=device)
    otp_login(request, device)
    request.session[policy.STATE_KEY] = policy.ENROLLED
    return True


def verify_second_factor(*, request, code: str) -> bool:
    """Check a code against the user's confirmed devices (each throttles repeated failures)."""
    user = request.user
    device = match_token(user, _clean(code))
    if device is None:
        record(action=AuditAction.OTP_FAILED, actor=user, request=request)
        return False
    otp_login(request, device)
    record(action=AuditAction.OTP_VERIFIED, actor=user, request=request, obj=device)
    return True


def remove_devices(*, request) -> int:
    """Drop the user's devices; a user whose role requires 2FA will be asked to enrol again."""
    user = request.user
    with transaction.atomic():
        count, _ = TOTPDevice.objects.filter(user=user).delete()
        if count:
            record(action=AuditAction.OTP_REMOVED, actor=user, request=request)
    request.session.pop("otp_device_id", None)
    policy.remember(request, user)
    return count
