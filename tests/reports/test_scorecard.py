"""GET /api/v1/scorecard: indicators measured from dossiers, the formula in force, ranking."""

import datetime as dt

import pytest

from motcua.dossiers import services
from motcua.organization.models import Role, UnitKind
from motcua.reports.models import ScorecardFormula
from tests.dossiers.factories import APPLICANT, local, member, required_part_ids
from tests.factories import UnitFactory, UserFactory

URL = "/api/v1/scorecard"


def resolve_at(world, desk, officer, *, received, finish):
    dossier = services.receive_at_desk(
        actor=officer,
        procedure_code=world.version.procedure.code,
        unit_code=desk.code,
        channel=1,
        applicant=APPLICANT,
        parts_received=required_part_ids(world),
        received_at=received,
    )
    dossier = services.assign_dossier(actor=officer, dossier=dossier, at=received)
    dossier = services.hand_over(actor=world.specialist, dossier=dossier, at=received)
    dossier = services.hand_over(actor=world.leader, dossier=dossier, at=received)
    return services.resolve_dossier(
        actor=world.agency_leader, dossier=dossier, granted=True, e_result=True, at=finish
    )


@pytest.fixture
def wards(world):
    """Ward A holds the desk, ward B the other desk. In February A is early and B late; in
    March the other way round."""
    committee = world.committee
    a = UnitFactory(code="p-a", name="Phường A", kind=UnitKind.WARD, parent=committee)
    b = UnitFactory(code="p-b", name="Phường B", kind=UnitKind.WARD, parent=committee)
    world.desk.parent, world.other_desk.parent = a, b
    world.desk.save()
    world.other_desk.save()
    world.department.parent = committee
    world.department.save()
    feb, mar = local(2026, 2, 2, 9, 0), local(2026, 3, 2, 9, 0)
    resolve_at(world, world.desk, world.officer, received=feb, finish=local(2026, 2, 4, 10, 0))
    resolve_at(
        world, world.other_desk, world.other_officer, received=feb, finish=local(2026, 2, 10, 10)
    )
    resolve_at(world, world.desk, world.officer, received=mar, finish=local(2026, 3, 10, 10))
    resolve_at(
        world, world.other_desk, world.other_officer, received=mar, finish=local(2026, 3, 4, 10)
    )
    world.wards = (a, b)
    return world


def get(client, user, **params):
    client.force_login(user)
    return client.get(URL, params)


def indicators(body):
    return {i["code"]: i for g in body["groups"] for i in g["indicators"]}


def test_the_formula_in_force_since_2022_is_loaded_and_sums_to_100(db):
    formula = ScorecardFormula.objects.get(effective_from=dt.date(2022, 6, 23))
    assert sum(i["points"] for i in formula.indicators) == 100
    by_group: dict[str, float] = {}
    for item in formula.indicators:
        by_group[item["group"]] = by_group.get(item["group"], 0) + item["points"]
    assert by_group == {"1": 18, "2": 20, "3": 22, "4": 22, "5": 18}


def test_on_time_indicator_and_points_for_a_unit(client, wards):
    body = get(client, wards.agency_leader, period="2026-03", unit="p-a").json()
    assert (body["from"], body["to"]) == ("2026-03-01", "2026-03-31")
    assert body["formula_effective_from"] == "2022-06-23"
    found = indicators(body)
    assert (found["2.1"]["numerator"], found["2.1"]["denominator"]) == (0, 1)
    assert found["2.1"]["points"] == 0
    assert found["5.4"]["rate"] == 0
    assert found["4.1"]["rate"] == 1 and found["4.1"]["points"] == 6
    assert found["3.1"]["rate"] == 1  # the permit is offered fully online
    assert found["3.3"]["rate"] == 0 and found["3.3"]["points"] == 0
    assert found["1.1"]["points"] is None and found["1.1"]["note"]
    assert found["5.2"]["points"] is None  # no feedback: N/A
    assert found["2.2"]["value"] is not None and found["2.2"]["points"] is None


def test_ranking_of_wards_with_the_change_since_the_previous_month(client, wards):
    body = get(client, wards.agency_leader, period="2026-03", unit="p-a").json()
    ranking = {r["unit"]: r for r in body["ranking"]}
    assert set(ranking) == {"p-a", "p-b"}
    assert (ranking["p-b"]["rank"], ranking["p-b"]["previous_rank"]) == (1, 2)
    assert ranking["p-b"]["rank_change"] == 1
    assert (ranking["p-a"]["rank"], ranking["p-a"]["rank_change"]) == (2, -1)
    assert body["rank"] == 2 and body["rank_change"] == -1
    assert ranking["p-b"]["total"] > ranking["p-a"]["total"]
    assert (body["previous_from"], body["previous_to"]) == ("2026-02-01", "2026-02-28")


def test_a_quarter_and_a_year_are_accepted(client, wards):
    body = get(client, wards.agency_leader, period="2026-Q1", unit="p-a").json()
    found = indicators(body)
    assert (found["2.1"]["numerator"], found["2.1"]["denominator"]) == (1, 2)
    assert found["2.1"]["points"] == 10
    assert body["previous_from"] == "2025-10-01"
    assert get(client, wards.agency_leader, period="2026", unit="p-a").status_code == 200


@pytest.mark.parametrize("period", ["", "2026-13", "2026-Q5", "26-03", "2026/03"])
def test_a_bad_period_is_refused_in_vietnamese(client, wards, period):
    response = get(client, wards.agency_leader, period=period, unit="p-a")
    assert response.status_code == 422
    assert "Kỳ báo cáo" in response.json()["message"]


def test_a_period_before_any_formula_is_refused(client, wards):
    response = get(client, wards.agency_leader, period="2021", unit="p-a")
    assert response.status_code == 422
    assert "công thức" in response.json()["message"]


def test_a_unit_outside_the_subtree_answers_like_a_missing_one(client, wards):
    stranger = member(UserFactory(username="ward-a"), wards.wards[0], Role.UNIT_LEADER)
    outside = get(client, stranger, period="2026-03", unit="p-b")
    missing = get(client, stranger, period="2026-03", unit="khong-co")
    assert outside.status_code == missing.status_code == 404
    assert outside.json() == missing.json()


def test_a_ward_leader_sees_only_their_ward_in_the_ranking(client, wards):
    stranger = member(UserFactory(username="ward-a"), wards.wards[0], Role.UNIT_LEADER)
    body = get(client, stranger, period="2026-03").json()
    assert body["unit"] == "p-a"
    assert [r["unit"] for r in body["ranking"]] == ["p-a"]


def test_anonymous_callers_are_refused(client, wards):
    assert client.get(URL, {"period": "2026-03"}).status_code == 401


def test_nothing_resolved_means_na_progress_not_zero(client, wards):
    body = get(client, wards.agency_leader, period="2025-05", unit="p-a").json()
    groups = {g["code"]: g for g in body["groups"]}
    assert groups["2"]["points"] is None
    assert body["total"] is not None  # the catalogue indicators are still measured
