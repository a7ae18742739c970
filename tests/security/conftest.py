"""Staff with and without a second factor, and a way to read the current TOTP code."""

import pytest
from axes.models import AccessAttempt
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.organization.models import Role
from motcua.security.models import RoleSecurityPolicy
from tests.factories import MembershipFactory, UserFactory

PASSWORD = "matkhau-thu-nghiem-2026"


@pytest.fixture
def axes_on(settings, db):
    settings.AXES_ENABLED = True
    AccessAttempt.objects.all().delete()
    return settings


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{value:0{device.digits}d}"


def enrolled_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Điện thoại", confirmed=True)


@pytest.fixture
def officer(db):
    return MembershipFactory(user__username="motcua.officer", role=Role.ONE_STOP_OFFICER).user


@pytest.fixture
def specialist(db):
    return MembershipFactory(user__username="motcua.specialist", role=Role.SPECIALIST).user


@pytest.fixture
def officers_need_2fa(db):
    return RoleSecurityPolicy.objects.create(role=Role.ONE_STOP_OFFICER, require_2fa=True)


def sign_in(client, username, password=PASSWORD, path="/can-bo/dang-nhap/", **meta):
    """Post the sign-in form; `meta` are WSGI environ entries such as REMOTE_ADDR."""
    return client.post(path, {"username": username, "password": password}, **meta)


__all__ = ["PASSWORD", "UserFactory", "code_for", "enrolled_device", "sign_in"]
