"""Bad input is refused with a Vietnamese message and leaves nothing behind."""

import datetime as dt

import pytest

from motcua.construction import services
from motcua.construction.models import ConstructionSite, SiteStatus, Violation, ViolationStatus
from motcua.core.errors import DomainError
from tests.construction.conftest import site_in

pytestmark = pytest.mark.django_db


def _register(urban, **overrides):
    values = {
        "address": "Số 5 Lê Đức Thọ",
        "owner_name": "Trần Thị Lan",
        "work_type": "house",
        **overrides,
    }
    return services.register_site(actor=urban.ward_a_staff, ward=urban.ward_a, **values)


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"address": ""}, "address"),
        ({"address": "x" * 256}, "address"),
        ({"owner_name": "   "}, "owner_name"),
        ({"plot_number": "1" * 21}, "plot_number"),
        ({"work_type": "castle"}, "work_type"),
        ({"floors": "5"}, "floors"),
        ({"floors": -1}, "floors"),
        ({"floors": True}, "floors"),
        ({"floor_area_m2": 1.5}, "floor_area_m2"),
        ({"started_on": "2020-01-01"}, "started_on"),
        ({"address": 123}, "address"),
        ({"status": "demolished"}, "status"),
        ({"permit_number": "12/GPXD"}, "permit"),
        ({"status": "permitted"}, "status"),
        ({"colour": "red"}, "unknown_field"),
        (
            {"started_on": dt.date(2020, 5, 1), "completed_on": dt.date(2020, 4, 1)},
            "completed_on",
        ),
        ({"owner_phone": "abc"}, "owner_phone"),
        ({"owner_phone": "12"}, "owner_phone"),
        ({"permit_number": "12/GPXD", "permit_date": dt.date(2099, 12, 1)}, "permit_date"),
    ],
)
def test_a_site_with_bad_input_is_refused(urban, overrides, code):
    with pytest.raises(DomainError) as caught:
        _register(urban, **overrides)
    assert caught.value.code == code
    assert caught.value.message
    assert not ConstructionSite.objects.exists()


def test_the_owner_phone_is_kept_without_spaces_or_dots(urban):
    assert _register(urban, owner_phone="0912 345.678").owner_phone == "0912345678"
    assert _register(urban, owner_phone="").owner_phone == ""


def test_text_is_stored_in_nfc_and_trimmed(urban):
    site = _register(urban, address="  Số 5 Le\u0302 Đức Thọ  ")
    assert site.address == "Số 5 Lê Đức Thọ"
    assert "so 5 le duc tho" in site.search_text


def test_changes_are_kept_in_the_history_with_old_and_new_values(urban):
    site = site_in(urban)
    services.update_site(actor=urban.ward_a_staff, site=site, floors=6, scale_note="6 tầng")
    event = site.events.order_by("-id").first()
    assert event.action == "update_site"
    assert event.data["floors"] == [5, 6]
    assert event.actor == urban.ward_a_staff


def test_an_unlicensed_site_cannot_be_marked_permitted(urban):
    site = _register(urban)
    with pytest.raises(DomainError):
        services.change_site_status(actor=urban.ward_a_staff, site=site, status="permitted")
    services.change_site_status(
        actor=urban.ward_a_staff, site=site, status="suspended", on=dt.date(2026, 3, 2)
    )
    site.refresh_from_db()
    assert site.status == SiteStatus.SUSPENDED


def test_completing_a_site_records_the_completion_date(urban):
    site = site_in(urban, started_on=dt.date(2019, 4, 1))
    services.change_site_status(
        actor=urban.ward_a_staff, site=site, status="completed", on=dt.date(2020, 1, 10)
    )
    site.refresh_from_db()
    assert site.completed_on == dt.date(2020, 1, 10)
    with pytest.raises(DomainError):
        services.change_site_status(actor=urban.ward_a_staff, site=site, status="completed")


def _violation(urban, **overrides):
    site = site_in(urban)
    values = {"kind": "wrong_permit", "found_on": dt.date(2026, 4, 20), **overrides}
    return services.record_violation(actor=urban.ward_a_staff, site=site, **values)


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"fine_amount": -1, "remedy_days": 5}, "fine_amount"),
        ({"fine_amount": "1000", "remedy_days": 5}, "fine_amount"),
        ({"fine_amount": 10**11, "remedy_days": 5}, "fine_amount"),
        ({"fine_amount": 1000, "remedy_due_on": dt.date(2026, 4, 23)}, "remedy_due"),
        ({"fine_amount": 1000}, "remedy"),
        ({"fine_amount": 1000, "remedy_days": 5, "remedy_due_on": dt.date(2026, 5, 1)}, "remedy"),
        ({"fine_amount": 1000, "remedy_days": 0}, "remedy_days"),
        ({"fine_amount": 1000, "remedy_days": 10_000}, "remedy_days"),
        ({"fine_amount": 1000, "remedy_days": 5, "decided_on": dt.date(2026, 4, 1)}, "decided_on"),
        ({"fine_amount": 1000, "remedy_days": 5, "decided_on": dt.date(2099, 1, 1)}, "decided_on"),
        ({"fine_amount": 1000, "remedy_days": 5, "decision_number": ""}, "decision_number"),
        ({"fine_amount": 1000, "remedy_days": 5, "decision_number": "9" * 61}, "decision_number"),
    ],
)
def test_a_decision_with_bad_input_is_refused(urban, values, code):
    violation = _violation(urban)
    arguments = {"decision_number": "45/QĐ-XPVPHC", "decided_on": dt.date(2026, 4, 24), **values}
    with pytest.raises(DomainError) as caught:
        services.decide_violation(actor=urban.ward_a_staff, violation=violation, **arguments)
    assert caught.value.code == code
    violation.refresh_from_db()
    assert violation.status == ViolationStatus.RECORDED
    assert violation.fine_amount is None


def test_the_remedy_deadline_counts_working_days_of_the_calendar(urban):
    """Decided Fri 24/04/2026, 5 working days: 27/04 (nghỉ bù), 30/04 and 01/05 are off."""
    violation = _violation(urban)
    decided = services.decide_violation(
        actor=urban.ward_a_staff, violation=violation, decision_number="45/QĐ-XPVPHC",
        decided_on=dt.date(2026, 4, 24), fine_amount=15_000_000, remedy_days=5,
    )  # fmt: skip
    assert decided.remedy_due == dt.date(2026, 5, 6)
    assert decided.fine_amount == 15_000_000
    assert decided.status == ViolationStatus.DECIDED
    event = decided.events.get(action="decide_violation")
    assert event.data["remedy_due"] == "2026-05-06"


def test_a_remedy_date_may_be_given_directly_on_or_after_the_decision(urban):
    violation = _violation(urban)
    decided = services.decide_violation(
        actor=urban.ward_a_staff, violation=violation, decision_number="46/QĐ",
        decided_on=dt.date(2026, 4, 24), fine_amount=0, remedy_due_on=dt.date(2026, 4, 24),
    )  # fmt: skip
    assert decided.remedy_due == dt.date(2026, 4, 24)
    assert decided.remedy_days is None
    assert decided.fine_amount == 0


def test_a_violation_goes_through_its_steps_only_in_order(urban):
    violation = _violation(urban)
    with pytest.raises(DomainError):
        services.close_violation(
            actor=urban.ward_a_staff, violation=violation, outcome="enforced",
            closed_on=dt.date(2026, 4, 25),
        )  # fmt: skip
    services.decide_violation(
        actor=urban.ward_a_staff, violation=violation, decision_number="47/QĐ",
        decided_on=dt.date(2026, 4, 24), fine_amount=5_000_000, remedy_days=10,
    )  # fmt: skip
    with pytest.raises(DomainError):
        services.decide_violation(
            actor=urban.ward_a_staff, violation=violation, decision_number="48/QĐ",
            decided_on=dt.date(2026, 4, 24), fine_amount=1, remedy_days=1,
        )  # fmt: skip
    with pytest.raises(DomainError):
        services.close_violation(
            actor=urban.ward_a_staff, violation=violation, outcome="remedied",
            closed_on=dt.date(2026, 4, 23),
        )  # fmt: skip
    services.close_violation(
        actor=urban.ward_a_staff, violation=violation, outcome="enforced",
        closed_on=dt.date(2026, 6, 1), note="Đã tháo dỡ phần sai phép",
    )  # fmt: skip
    violation.refresh_from_db()
    assert violation.status == ViolationStatus.ENFORCED
    actions = list(violation.events.order_by("id").values_list("action", flat=True))
    assert actions == ["record_violation", "decide_violation", "close_violation"]
    last = violation.events.order_by("-id").first()
    assert last.data["after_deadline"] is True
    with pytest.raises(DomainError):
        services.close_violation(
            actor=urban.ward_a_staff, violation=violation, outcome="remedied",
            closed_on=dt.date(2026, 6, 2),
        )  # fmt: skip


def test_an_owner_may_remedy_before_any_decision(urban):
    violation = _violation(urban)
    services.close_violation(
        actor=urban.ward_a_staff, violation=violation, outcome="remedied",
        closed_on=dt.date(2026, 4, 21),
    )  # fmt: skip
    violation.refresh_from_db()
    assert violation.status == ViolationStatus.REMEDIED


def test_a_licensed_site_cannot_be_recorded_as_unlicensed(urban):
    site = site_in(urban)
    with pytest.raises(DomainError) as caught:
        services.record_violation(
            actor=urban.ward_a_staff, site=site, kind="unlicensed", found_on=dt.date(2026, 1, 5)
        )
    assert caught.value.code == "kind"
    assert not Violation.objects.exists()


@pytest.mark.parametrize(
    "values",
    [
        {"kind": "arson", "found_on": dt.date(2026, 1, 5)},
        {"kind": "wrong_permit", "found_on": None},
        {"kind": "wrong_permit", "found_on": dt.date(2099, 1, 5)},
        {"kind": "wrong_permit", "found_on": dt.datetime(2026, 1, 5, 10, 0)},
        {"kind": "wrong_permit", "found_on": dt.date(2026, 1, 5), "description": "x" * 5001},
    ],
)
def test_a_violation_with_bad_input_is_refused(urban, values):
    site = site_in(urban)
    with pytest.raises(DomainError):
        services.record_violation(actor=urban.ward_a_staff, site=site, **values)
    assert not Violation.objects.exists()


def test_history_rows_cannot_be_changed_or_deleted(urban):
    from django.db import IntegrityError, InternalError, OperationalError, transaction

    site = site_in(urban)
    event = site.events.get()
    for attempt in (
        lambda: type(event).objects.filter(pk=event.pk).update(note="sửa"),
        lambda: type(event).objects.filter(pk=event.pk).delete(),
    ):
        with (
            pytest.raises((IntegrityError, InternalError, OperationalError)),
            transaction.atomic(),
        ):
            attempt()
    event.refresh_from_db()
    assert event.note == ""
