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
        actor=world.agency_leader,
        dossier=dossier,
        granted=True,
        e_result=True,
        result_file="ket-qua/ket-qua.pdf",
        at=finish,
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


def _indicators(scores: dict) -> dict:
    return {
        pk: [(i.code, i.numerator, i.denominator, i.points) for g in s.groups for i in g.indicators]
        for pk, s in scores.items()
    }


def _nonzero(pairs: dict) -> dict:
    return {key: f.counters() for key, f in pairs.items() if any(f.counters().values())}


def test_periods_read_together_equal_each_read_alone(wards):
    """The scorecard reads the unit rollups once for several periods (nested ones too)."""
    from motcua.reports import stats
    from motcua.reports.definitions import parse_period

    at = local(2026, 4, 1, 9, 0)
    periods = [parse_period(p) for p in ("2026-03", "2026-02", "2026-Q1", "2026", "2025-12")]
    for units in (None, {wards.wards[0].pk, wards.desk.pk}):
        together = stats.resolved_by_pair(unit_ids=units, periods=periods, at=at)
        for period, pairs in zip(periods, together, strict=True):
            alone = stats.raw_figures(
                unit_ids=units, period=period, basis="resolved", at=at, group="unit"
            )
            assert _nonzero(pairs) == _nonzero(alone), (period, units)
    assert any(_nonzero(pairs) for pairs in together)


def test_the_whole_tree_use_of_procedures_is_its_unit_pairs_summed(wards):
    from motcua.reports.definitions import Period, parse_period
    from motcua.reports.scorecard import _version_usage

    for periods in (
        [parse_period("2026-03"), parse_period("2026-02")],
        [Period(dt.date(2026, 2, 20), dt.date(2026, 3, 10))],  # edge days: the daily rollup
    ):
        whole = _version_usage(None, periods, whole=True)
        by_pair = _version_usage(None, periods)
        for rows, pairs in zip(whole, by_pair, strict=True):
            summed: dict = {}
            for row in pairs:
                entry = summed.setdefault(row["version_id"], [0, 0, 0])
                for i, name in enumerate(("paid", "resolved", "e_result")):
                    entry[i] += row[name] or 0
            found = {r["version_id"]: [r["paid"] or 0, r["resolved"], r["e_result"]] for r in rows}
            assert found == {v: e for v, e in summed.items() if any(e)}
            assert found


def test_a_unit_over_the_whole_tree_scores_as_over_its_unit_pairs(wards):
    """The committee's subtree is every unit: its procedures' use is read from the rollup
    without units. With a unit outside it (no dossiers), the same from the unit pairs."""
    from motcua.reports.definitions import parse_period
    from motcua.reports.scope import children_map, descendants
    from motcua.reports.scorecard import formula_for, score_periods

    children = children_map()
    every = {pk for kids in children.values() for pk in kids}
    assert descendants({wards.committee.pk}, children) == every
    at = local(2026, 4, 1, 9, 0)
    march, february = parse_period("2026-03"), parse_period("2026-02")
    periods = [(march, formula_for(march)), (february, formula_for(february))]
    whole = score_periods([wards.committee], periods, at=at)
    UnitFactory(code="ubnd-khac", name="UBND khác", kind=UnitKind.PEOPLES_COMMITTEE)
    by_pair = score_periods([wards.committee], periods, at=at)
    assert [_indicators(s) for s in whole] == [_indicators(s) for s in by_pair]
    assert whole[0][wards.committee.pk].indicator("4.1").denominator == 2


def test_the_scorecard_query_count_does_not_grow_with_the_data_or_idle_units(client, wards):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        client.force_login(wards.agency_leader)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, {"period": "2026-03", "unit": "p-a"}).status_code == 200
        return len(captured)

    before = count()
    resolve_at(
        wards, wards.desk, wards.officer, received=local(2026, 3, 3, 9, 0),
        finish=local(2026, 3, 5, 10, 0),
    )  # fmt: skip
    UnitFactory(code="p-c", name="Phường C", kind=UnitKind.WARD, parent=wards.committee)
    assert count() == before
