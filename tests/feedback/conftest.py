"""Feedback fixtures: a ward tree with staff, an empty cache and a private MEDIA_ROOT."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from motcua.feedback import captcha
from motcua.feedback.models import CaptchaChallenge
from motcua.organization.models import Role, UnitKind
from tests.factories import MembershipFactory, UnitFactory, UserFactory

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(y, m, d, hh=9, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=TZ)


@pytest.fixture
def tree(db):
    """A ward's people's committee with two departments, and another ward."""
    ward = UnitFactory(code="p-thu", name="Phường Thử", kind=UnitKind.WARD)
    ubnd = UnitFactory(
        code="p-thu-ubnd", name="UBND phường Thử", kind=UnitKind.PEOPLES_COMMITTEE, parent=ward
    )
    vp = UnitFactory(
        code="p-thu-vp", name="Văn phòng phường Thử", kind=UnitKind.DEPARTMENT, parent=ubnd
    )
    ktht = UnitFactory(
        code="p-thu-ktht", name="Phòng Kinh tế phường Thử", kind=UnitKind.DEPARTMENT, parent=ubnd
    )
    other = UnitFactory(
        code="p-khac-ubnd", name="UBND phường Khác", kind=UnitKind.PEOPLES_COMMITTEE
    )
    return {"ward": ward, "ubnd": ubnd, "vp": vp, "ktht": ktht, "other": other}


@pytest.fixture
def staff(tree):
    def member(username, unit, role):
        user = UserFactory(username=username)
        MembershipFactory(user=user, unit=tree[unit], role=role)
        return user

    return {
        "chairman": member("chutich", "ubnd", Role.AGENCY_LEADER),
        "vp_officer": member("vp", "vp", Role.SPECIALIST),
        "ktht_officer": member("ktht", "ktht", Role.SPECIALIST),
        "ktht_leader": member("ktht-ld", "ktht", Role.UNIT_LEADER),
        "stranger": member("khac", "other", Role.AGENCY_LEADER),
    }


def solve(token: str) -> str:
    """The answer to a challenge, read back from the server-side row (tests only)."""
    from django.core import signing

    pk = int(signing.TimestampSigner(salt=captcha.SALT).unsign(token))
    a, op, b = CaptchaChallenge.objects.get(pk=pk).operands
    return str(a + b if op == "+" else a - b)
