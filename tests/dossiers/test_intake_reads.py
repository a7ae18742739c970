"""The desk intake reads the catalogue in one plain query: it must say what the ORM says."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.catalog.selectors import version_for_intake, versions_in_force
from tests.factories import ProcedureFactory, ProcedureVersionFactory, UnitFactory

pytestmark = pytest.mark.django_db

D = dt.date


def _orm(code: str, day: dt.date, unit):
    version = (
        versions_in_force(day).filter(procedure__code=code).select_related("procedure").first()
    )
    if version is None:
        return None
    first = version.resolving_units.order_by("id").first()
    receives = version.receiving_units.filter(pk=unit.pk).exists()
    return version, receives, first.pk if first else None


def _same(code: str, day: dt.date, unit) -> None:
    expected, found = _orm(code, day, unit), version_for_intake(code, day, unit.pk)
    if expected is None:
        assert found is None
        return
    (orm, receives, competent), (raw, raw_receives, raw_competent) = expected, found
    fields = [f.attname for f in orm._meta.concrete_fields]
    assert [getattr(raw, f) for f in fields] == [getattr(orm, f) for f in fields]
    assert (raw_receives, raw_competent) == (receives, competent)
    assert raw.procedure.code == orm.procedure.code and raw.procedure.pk == orm.procedure.pk
    assert not raw._state.adding and not raw.procedure._state.adding


@pytest.fixture
def catalogue():
    desk, other, first, second = UnitFactory(), UnitFactory(), UnitFactory(), UnitFactory()
    procedure = ProcedureFactory(code="1.001234")
    old = ProcedureVersionFactory(
        procedure=procedure, number=1, effective_from=D(2020, 1, 1), effective_to=D(2025, 6, 30)
    )
    new = ProcedureVersionFactory(
        procedure=procedure,
        number=2,
        effective_from=D(2025, 7, 1),
        same_day=True,
        cutoff_time=dt.time(15, 30),
        committed_minutes=480,
    )
    old.receiving_units.set([desk, other])
    new.receiving_units.set([desk])
    new.resolving_units.set([second, first])
    lone = ProcedureVersionFactory(procedure=ProcedureFactory(code="2.000001"))
    lone.receiving_units.set([other])
    return {"desk": desk, "other": other, "first": first}


@pytest.mark.parametrize(
    ("code", "day", "unit"),
    [
        ("1.001234", D(2024, 3, 2), "desk"),  # the old version, no resolving unit
        ("1.001234", D(2025, 6, 30), "other"),  # its last day
        ("1.001234", D(2025, 7, 1), "desk"),  # the new one: the first of two resolving units
        ("1.001234", D(2026, 3, 2), "other"),  # a unit that no longer receives it
        ("1.001234", D(2019, 12, 31), "desk"),  # before any version
        ("2.000001", D(2026, 3, 2), "desk"),  # in force, not received here
        ("9.999999", D(2026, 3, 2), "desk"),  # no such procedure
    ],
)
def test_the_intake_read_says_what_the_orm_says(catalogue, code, day, unit):
    _same(code, day, catalogue[unit])


def test_the_intake_read_is_one_query(catalogue):
    with CaptureQueriesContext(connection) as queries:
        version, receives, competent = version_for_intake(
            "1.001234", D(2026, 3, 2), catalogue["desk"].pk
        )
        assert version.procedure.code == "1.001234"  # already there
    assert len(queries) == 1
    assert receives and competent == catalogue["first"].pk
