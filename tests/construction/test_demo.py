"""The Nam Từ Liêm urban demo: 10 wards, unlicensed falling, a few gaps; loaded once."""

import datetime as dt

import pytest

from motcua.construction.figures import figures
from motcua.construction.models import ConstructionSite, Register, Violation
from motcua.construction.scope import ward_scope
from motcua.demo.units import load_units
from motcua.demo.urban import UNLICENSED_PER_YEAR, load_urban
from motcua.infrastructure import selectors
from motcua.infrastructure.models import Facility
from motcua.organization.selectors import subtree_ids
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    units = load_units()
    load_urban(units)
    return units


def test_the_demo_shows_unlicensed_constructions_falling_year_by_year(demo):
    admin = UserFactory(username="quantri", is_superuser=True)
    scope = ward_scope(admin, Register.CONSTRUCTION)
    data = figures(scope, years=[2017, 2018, 2019, 2020], today=dt.date(2026, 11, 23))
    assert len(data.wards) == 10
    assert [p.unlicensed for p in data.trend] == list(UNLICENSED_PER_YEAR.values())
    assert data.falling
    assert all(data.totals(y).permits > 50 for y in data.years)
    assert all(data.totals(y).inspections_done > 0 for y in data.years)
    ranking = data.ranking(2020)
    assert len(ranking) == 10 and ranking[0][0] == 1


def test_the_demo_matrix_has_a_few_gaps_and_works_under_construction(demo):
    admin = UserFactory(username="quantri", is_superuser=True)
    district = subtree_ids({demo["nam-tu-liem"].pk})
    data = selectors.matrix(ward_scope(admin, Register.INFRASTRUCTURE), ward_ids=district)
    assert len(data.rows) == 10
    assert 3 <= data.wards_lacking <= 6
    states = {(row.ward.code, c.kind.code): c.state for row in data.rows for c in row.cells}
    assert states[("p-phu-do", "thcs")] == "lack"
    assert states[("p-xuan-phuong", "trung-tam-vhtt")] == "building"
    assert states[("p-my-dinh-1", "nha-van-hoa")] == "complete"


def test_loading_the_urban_demo_twice_creates_nothing_new(demo):
    counts = (ConstructionSite.objects.count(), Violation.objects.count(), Facility.objects.count())
    assert load_urban(demo) == 0
    again = (ConstructionSite.objects.count(), Violation.objects.count(), Facility.objects.count())
    assert again == counts
