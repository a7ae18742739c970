"""GET /api/v1/stats: figures per group, staff only, scoped to the staff member's subtree."""

import datetime as dt

import pytest

from motcua.organization.models import Role
from tests.dossiers.factories import local, member
from tests.factories import UnitFactory, UserFactory

from . import scenarios as s

URL = "/api/v1/stats"


@pytest.fixture
def march(world):
    world.desk.parent = world.committee
    world.desk.save()
    world.department.parent = world.committee
    world.department.save()
    s.resolved(world, local(2026, 3, 6, 15, 0))  # early
    s.resolved(world, s.DUE + dt.timedelta(hours=3))  # late
    s.refused(world, local(2026, 3, 2, 10, 0))
    return world


def get(client, user, **params):
    client.force_login(user)
    return client.get(URL, params)


def test_figures_for_a_period_with_rates_as_fractions(client, march):
    body = get(client, march.agency_leader, **{"from": "2026-03-01", "to": "2026-03-31"}).json()
    total = body["total"]
    assert (body["from"], body["to"], body["basis"]) == ("2026-03-01", "2026-03-31", "received")
    assert (total["received"], total["resolved"], total["early"], total["late"]) == (2, 2, 1, 1)
    assert total["refused"] == 1
    assert total["on_time_rate"] == 0.5 and total["early_rate"] == 0.5
    assert total["open_in_time"] == 0 and total["open_overdue"] == 0
    assert total["satisfaction_index"] is None


def test_a_period_with_nothing_resolved_gives_null_rates(client, march):
    body = get(client, march.agency_leader, **{"from": "2026-05-01", "to": "2026-05-31"}).json()
    assert body["total"]["resolved"] == 0
    assert body["total"]["on_time_rate"] is None


def test_resolved_basis_counts_by_finish_date(client, march):
    params = {"from": "2026-03-09", "to": "2026-03-09", "basis": "resolved"}
    body = get(client, march.agency_leader, **params).json()
    assert (body["total"]["resolved"], body["total"]["late"]) == (1, 1)
    assert body["total"]["received"] == 0


@pytest.mark.parametrize(
    ("group_by", "keys"),
    [
        ("unit", {"ntl-mot-cua", "phong-qldt"}),
        ("procedure", {"1.009994"}),
        ("month", {"2026-02", "2026-03"}),
    ],
)
def test_group_by(client, march, group_by, keys):
    params = {"from": "2026-02-01", "to": "2026-03-31", "group_by": group_by}
    params["unit"] = "ubnd-ntl"
    body = get(client, march.omni, **params).json()
    groups = {g["key"]: g for g in body["groups"]}
    assert set(groups) == keys
    if group_by == "month":
        assert groups["2026-03"]["received"] == 2 and groups["2026-02"]["received"] == 0
    else:
        assert all(g["resolved"] == 2 for g in groups.values())


def test_staff_of_one_unit_see_only_their_subtree(client, march):
    stranger_unit = UnitFactory(code="p-tay-mo")
    stranger = member(UserFactory(username="taymo"), stranger_unit, Role.UNIT_LEADER)
    body = get(client, stranger, **{"from": "2026-03-01", "to": "2026-03-31"}).json()
    assert body["total"]["received"] == 0
    refused = get(client, stranger, unit="ubnd-ntl")
    missing = get(client, stranger, unit="khong-co")
    assert refused.status_code == missing.status_code == 404
    assert refused.json() == missing.json()
    assert "Không tìm thấy đơn vị" in refused.json()["message"]


def test_the_department_sees_what_it_resolves(client, march):
    body = get(client, march.leader, **{"from": "2026-03-01", "to": "2026-03-31"}).json()
    assert body["total"]["resolved"] == 2
    assert body["total"]["received"] == 2


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"from": "2026-13-01"}, "YYYY-MM-DD"),
        ({"from": "2026-03-31", "to": "2026-03-01"}, "trước hoặc bằng"),
        ({"group_by": "ward"}, "Chỉ nhóm được"),
        ({"basis": "paid"}, "Cơ sở thống kê"),
        ({"from": "2000-01-01", "to": "2026-01-01"}, "10 năm"),
    ],
)
def test_bad_input_is_a_vietnamese_422(client, march, params, fragment):
    response = get(client, march.omni, **params)
    assert response.status_code == 422
    assert fragment in response.json()["message"]


def test_anonymous_is_refused(client, march):
    assert client.get(URL).status_code == 401


def test_staff_without_any_unit_is_refused(client, march):
    response = get(client, UserFactory(username="nobody"))
    assert response.status_code == 403


def test_bearer_token_works(client, march):
    token = client.post(
        "/api/v1/auth/token",
        {"username": "chairman", "password": "matkhau-thu-nghiem-2026"},
        content_type="application/json",
    ).json()["token"]
    response = client.get(
        URL, {"from": "2026-03-01", "to": "2026-03-31"}, HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 200
    assert response.json()["total"]["received"] == 2
