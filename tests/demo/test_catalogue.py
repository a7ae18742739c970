"""The demo catalogue: the 2020 report's figures, two versions per procedure, sound timings."""

import datetime as dt
from collections import Counter

import pytest
from django.db.models import Count, F, Sum
from django.utils import timezone

from motcua.catalog.models import (
    GovernmentLevel,
    OnlineService,
    Procedure,
    ProcedureStep,
    ProcedureVersion,
    procedure_code_validator,
)
from motcua.catalog.selectors import search_procedures, versions_in_force
from motcua.core.text import fold
from motcua.demo.procedures import StepRow, minutes, step_budgets
from motcua.organization.models import Role

IN_2020 = dt.date(2020, 6, 1)
TODAY = dt.date(2026, 3, 10)
PERMIT = "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"


@pytest.mark.django_db
@pytest.mark.parametrize("day", [IN_2020, TODAY], ids=["2020", "today"])
def test_180_procedures_are_in_force(demo, day):
    assert versions_in_force(day).count() == 180
    assert versions_in_force(timezone.localdate()).count() == 180
    assert Procedure.objects.annotate(n=Count("versions")).filter(n=2).count() == 180


@pytest.mark.django_db
@pytest.mark.parametrize("day", [IN_2020, TODAY], ids=["2020", "today"])
def test_161_procedures_are_partly_and_19_fully_online(demo, day):
    versions = versions_in_force(day)
    assert versions.filter(online_service=OnlineService.PARTIAL, online_level=3).count() == 161
    assert versions.filter(online_service=OnlineService.FULL, online_level=4).count() == 19


@pytest.mark.django_db
def test_online_payment_is_offered_only_by_fee_bearing_full_online_procedures(demo):
    paying = versions_in_force(TODAY).filter(online_payment=True).annotate(fees_n=Count("fees"))
    assert paying.count() >= 5
    for version in paying:
        assert version.online_service == OnlineService.FULL
        assert version.fees_n > 0
        assert version.result_online


@pytest.mark.django_db
def test_fifty_procedures_are_shortened_across_at_least_eight_fields(demo):
    versions = versions_in_force(TODAY)
    shortened = versions.filter(committed_minutes__lt=F("statutory_minutes"))
    assert shortened.count() == 50
    assert shortened.values("field").distinct().count() >= 8
    assert versions.values("field").distinct().count() >= 8
    assert not versions.filter(committed_minutes__gt=F("statutory_minutes")).exists()


@pytest.mark.django_db
def test_every_versions_steps_add_up_to_its_committed_time(demo):
    totals = ProcedureVersion.objects.annotate(
        total=Sum("steps__budget_minutes"), steps_n=Count("steps")
    ).values_list("procedure__code", "number", "committed_minutes", "total", "steps_n")
    assert len(totals) == 360
    for code, number, committed, total, steps_n in totals:
        assert total == committed, (code, number)
        assert steps_n >= 5
    assert not ProcedureStep.objects.filter(budget_minutes__lt=15).exists()


@pytest.mark.django_db
def test_steps_start_and_end_at_the_desk_and_a_leader_signs(demo):
    versions = ProcedureVersion.objects.prefetch_related("steps")
    for version in versions:
        roles = [step.role for step in version.steps.all()]
        assert roles[0] == roles[-1] == Role.ONE_STOP_OFFICER
        assert Role.SPECIALIST in roles
        assert Role.AGENCY_LEADER in roles or Role.UNIT_LEADER in roles


@pytest.mark.django_db
def test_version_1_is_received_by_the_district_shape_and_version_2_by_the_new_wards(demo):
    versions = ProcedureVersion.objects.prefetch_related("receiving_units", "steps__unit")
    for version in versions:
        receiving = list(version.receiving_units.all())
        assert receiving and all(u.receives_dossiers for u in receiving)
        day = version.effective_from
        assert all(u.is_valid_on(day) for u in receiving)
        assert all(s.unit.is_valid_on(day) for s in version.steps.all() if s.unit)
        if version.number == 1:
            assert (version.effective_from, version.effective_to) == (
                dt.date(2018, 1, 1),
                dt.date(2025, 6, 30),
            )
            assert all(u.is_valid_on(IN_2020) for u in receiving)
        else:
            assert (version.effective_from, version.effective_to) == (dt.date(2025, 7, 1), None)
            assert version.level == GovernmentLevel.COMMUNE
            assert {u.code for u in receiving} == {
                "p-tu-liem-pvhcc",
                "p-xuan-phuong-moi-pvhcc",
                "p-tay-mo-moi-pvhcc",
                "p-dai-mo-moi-pvhcc",
            }


@pytest.mark.django_db
def test_before_july_2025_procedures_are_split_between_district_and_wards(demo):
    levels = Counter(versions_in_force(IN_2020).values_list("level", flat=True))
    assert levels[GovernmentLevel.DISTRICT] > 0 and levels[GovernmentLevel.COMMUNE] > 0
    permit = versions_in_force(IN_2020).get(name=PERMIT)
    assert [u.code for u in permit.receiving_units.all()] == ["ntl-mot-cua"]
    assert [u.code for u in permit.resolving_units.all()] == ["ntl-qldt"]


@pytest.mark.django_db
def test_every_version_is_complete_and_valid(demo):
    versions = ProcedureVersion.objects.select_related("procedure").prefetch_related(
        "parts", "fees", "resolving_units"
    )
    for version in versions:
        procedure_code_validator(version.procedure.code)
        version.full_clean(validate_unique=False)
        assert 1 <= len(version.parts.all()) <= 6
        assert version.resolving_units.all()
        assert version.applicants and version.legal_basis and version.result_name
        assert all(fee.amount > 0 for fee in version.fees.all())
    assert ProcedureVersion.objects.filter(fees__isnull=True).distinct().count() > 100


@pytest.mark.django_db
def test_same_day_procedures_take_a_1500_cutoff_and_a_few_count_hours(demo):
    versions = versions_in_force(TODAY)
    same_day = versions.filter(same_day=True)
    assert same_day.count() >= 5
    assert same_day.filter(cutoff_time=dt.time(15, 0)).count() >= 5
    assert versions.filter(time_unit="hour").count() >= 2
    birth = versions.get(name="Đăng ký khai sinh")
    assert (birth.same_day, birth.statutory_minutes, birth.cutoff_time) == (True, 480, dt.time(15))


@pytest.mark.django_db
def test_search_finds_the_building_permit_without_diacritics(demo):
    found = list(search_procedures(day=TODAY, q="cap giay phep xay dung"))
    assert PERMIT in [v.name for v in found]
    assert len([v for v in found if v.name.startswith("Cấp giấy phép xây dựng")]) >= 5
    assert all(w in fold(v.name) for v in found for w in ("cap", "giay", "phep", "xay", "dung"))
    permit = next(v for v in found if v.name == PERMIT)
    assert "p-tu-liem-pvhcc" in {u.code for u in permit.receiving_units.all()}
    assert [v.procedure.code for v in search_procedures(day=IN_2020, q="khai sinh")]


def test_durations_are_read_as_days_hours_or_same_day():
    assert minutes(15) == (7200, "day", False)
    assert minutes("4h") == (240, "hour", False)
    assert minutes("same") == (480, "day", True)
    for bad in (0, -1, "tomorrow"):
        with pytest.raises(ValueError):
            minutes(bad)


def test_step_budgets_fill_the_committed_time_and_refuse_too_short_ones():
    steps = [
        StepRow("Tiếp nhận", None, Role.ONE_STOP_OFFICER, 0.05, 240),
        StepRow("Thẩm định", None, Role.SPECIALIST, None),
        StepRow("Ký", None, Role.AGENCY_LEADER, 0.10, 480),
        StepRow("Trả kết quả", None, Role.ONE_STOP_OFFICER, 0.05, 240),
    ]
    assert step_budgets(steps, 5760) == [240, 4800, 480, 240]
    assert sum(step_budgets(steps, 480)) == 480
    with pytest.raises(ValueError):
        step_budgets(steps, 45)
