import datetime as dt

import pytest

from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import procedure_in_force
from motcua.catalog.services import publish_version
from motcua.core.errors import DomainError


def test_a_new_version_closes_the_previous_one_and_copies_its_content(catalogue):
    permit = catalogue["permit"]
    new = publish_version(source=permit, effective_from=dt.date(2027, 1, 1))
    permit.refresh_from_db()
    assert permit.effective_to == dt.date(2026, 12, 31)
    assert new.number == 2 and new.effective_to is None
    assert [p.name for p in new.parts.all()] == [p.name for p in permit.parts.all()]
    assert [s.budget_minutes for s in new.steps.all()] == [240, 2880]
    assert [f.amount for f in new.fees.all()] == [75000]
    assert list(new.receiving_units.all()) == [catalogue["desk"]]
    # the old version still answers for its own dates, the new one for later dates
    assert procedure_in_force("1.009994", dt.date(2026, 6, 1)).number == 1
    assert procedure_in_force("1.009994", dt.date(2027, 6, 1)).number == 2


def test_a_new_version_must_start_after_the_latest(catalogue):
    with pytest.raises(DomainError) as error:
        publish_version(source=catalogue["permit"], effective_from=dt.date(2019, 1, 1))
    assert "phải sau ngày 01/01/2020" in error.value.message
    assert ProcedureVersion.objects.filter(procedure__code="1.009994").count() == 1


def test_committed_time_cannot_exceed_statutory_time(catalogue):
    from django.db import IntegrityError, transaction

    permit = catalogue["permit"]
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcedureVersion.objects.filter(pk=permit.pk).update(committed_minutes=10**6)
