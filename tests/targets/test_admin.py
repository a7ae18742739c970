from decimal import Decimal

import pytest

from motcua.targets.models import Target, TargetHistory, Term
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="quantri", is_superuser=True))
    return client


def _target(name: str, *, goal):
    """A target of a group of a term of the district, as the change form needs them."""
    unit = UnitFactory(code="nam-tu-liem", name="Quận Nam Từ Liêm")
    term = Term.objects.create(name="Nhiệm kỳ 2020–2025", unit=unit, start_year=2020, end_year=2025)
    group = term.groups.create(order=1, name="Kinh tế")
    target = Target.objects.create(
        group=group, order=1, name=name, unit_of_measure="%", direction="higher", goal=goal
    )
    return unit, group, target


def test_an_administrator_creates_a_term_with_its_tasks_and_groups(admin_client):
    unit = UnitFactory(code="nam-tu-liem", name="Quận Nam Từ Liêm")
    response = admin_client.post(
        "/quan-tri/targets/term/add/",
        {
            "name": "Nghị quyết Đại hội lần thứ III, nhiệm kỳ 2025–2030",
            "unit": unit.pk,
            "start_year": 2025,
            "end_year": 2030,
            "key_tasks-TOTAL_FORMS": 1,
            "key_tasks-INITIAL_FORMS": 0,
            "key_tasks-0-order": 1,
            "key_tasks-0-text": "Phát triển kinh tế nhanh, bền vững",
            "breakthroughs-TOTAL_FORMS": 0,
            "breakthroughs-INITIAL_FORMS": 0,
            "groups-TOTAL_FORMS": 1,
            "groups-INITIAL_FORMS": 0,
            "groups-0-order": 1,
            "groups-0-name": "Nhóm chỉ tiêu kinh tế",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    term = Term.objects.get()
    assert term.key_tasks.count() == 1 and term.groups.count() == 1


def test_changing_a_goal_in_the_admin_is_logged_through_the_service(admin_client):
    unit, group, target = _target("Tăng trưởng GRDP", goal=14)
    target.responsible_units.set([unit])
    response = admin_client.post(
        f"/quan-tri/targets/target/{target.pk}/change/",
        {
            "group": group.pk,
            "order": 1,
            "name": "Tăng trưởng GRDP",
            "unit_of_measure": "%",
            "direction": "higher",
            "goal": "15",
            "goal_text": "",
            "responsible_units": [unit.pk],
            "note": "",
            "new_year": 2024,
            "new_year_goal": "14.5",
            "goal_note": "Điều chỉnh theo Nghị quyết HĐND",
            "year_goals-TOTAL_FORMS": 0,
            "year_goals-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    target.refresh_from_db()
    assert target.goal == 15
    assert target.year_goals.get(year=2024).goal == Decimal("14.5")
    history = TargetHistory.objects.filter(target=target, action="change_goal")
    by_year = {h.data["year"]: h.data for h in history}
    assert set(by_year) == {None, 2024}
    assert Decimal(by_year[None]["old"]) == 14 and Decimal(by_year[None]["new"]) == 15
    assert by_year[2024]["old"] is None
    assert all(h.note == "Điều chỉnh theo Nghị quyết HĐND" for h in history)


def test_a_year_without_a_value_is_refused_and_nothing_changes(admin_client):
    unit, group, target = _target("Thu ngân sách", goal=100)
    response = admin_client.post(
        f"/quan-tri/targets/target/{target.pk}/change/",
        {
            "group": group.pk,
            "order": 1,
            "name": "Thu ngân sách",
            "unit_of_measure": "%",
            "direction": "higher",
            "goal": "120",
            "responsible_units": [unit.pk],
            "new_year": 2030,
            "year_goals-TOTAL_FORMS": 0,
            "year_goals-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "Nhập cả năm và giá trị mục tiêu năm." in response.content.decode()
    target.refresh_from_db()
    assert target.goal == 100
    assert not TargetHistory.objects.filter(target=target).exists()
