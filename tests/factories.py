"""Factories shared by every test package: units, staff, fields and procedures."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from motcua.catalog.models import (
    DossierPart,
    Fee,
    Field,
    OnlineService,
    Procedure,
    ProcedureStep,
    ProcedureVersion,
)
from motcua.organization.models import Membership, Role, Unit, UnitKind


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"unit-{n}")
    name = factory.Sequence(lambda n: f"Phường Thử Nghiệm {n}")
    kind = UnitKind.WARD
    agency_code = factory.Sequence(lambda n: f"000.{n % 100:02d}.27.H26")


class OneStopUnitFactory(UnitFactory):
    kind = UnitKind.ONE_STOP_UNIT
    name = factory.Sequence(lambda n: f"Bộ phận Một cửa {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Văn An"
    last_name = "Nguyễn"
    is_staff = True
    password = factory.django.Password("matkhau-thu-nghiem-2026")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(OneStopUnitFactory)
    role = Role.ONE_STOP_OFFICER


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ["code"]

    code = "xay-dung"
    name = "Hoạt động xây dựng"


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Procedure
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"1.{n:06d}")


class ProcedureVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcedureVersion
        skip_postgeneration_save = True

    procedure = factory.SubFactory(ProcedureFactory)
    name = "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"
    field = factory.SubFactory(FieldFactory)
    level = "district"
    effective_from = dt.date(2020, 1, 1)
    statutory_minutes = 15 * 480
    committed_minutes = 12 * 480
    online_level = 3
    online_service = OnlineService.PARTIAL
    legal_basis = "Luật Xây dựng số 50/2014/QH13"

    @factory.post_generation
    def receiving_units(self, create, extracted, **kwargs):
        if create and extracted:
            self.receiving_units.set(extracted)


class DossierPartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DossierPart

    version = factory.SubFactory(ProcedureVersionFactory)
    order = factory.Sequence(int)
    name = "Đơn đề nghị cấp giấy phép xây dựng"


class FeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fee

    version = factory.SubFactory(ProcedureVersionFactory)
    name = "Lệ phí cấp giấy phép xây dựng"
    amount = 75000


class ProcedureStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcedureStep

    version = factory.SubFactory(ProcedureVersionFactory)
    order = factory.Sequence(lambda n: n + 1)
    name = "Thẩm định hồ sơ"
    role = Role.SPECIALIST
    budget_minutes = 480
