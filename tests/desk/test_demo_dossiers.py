"""The demo fills the desk of Phường Từ Liêm with dossiers in many states, once."""

import pytest

from motcua.demo.loader import load_demo
from motcua.dossiers.models import Dossier

pytestmark = pytest.mark.django_db


def test_the_demo_loads_dossiers_in_many_states_once_through_the_services():
    load_demo()
    dossiers = Dossier.objects.filter(receiving_unit__code="p-tu-liem-pvhcc")
    states = set(dossiers.values_list("status", flat=True))
    count = dossiers.count()
    assert 15 <= count <= 25
    assert {"submitted", "received", "processing", "resolved", "returned", "refused"} <= states
    assert all(d.events.exists() for d in dossiers)
    load_demo()
    assert Dossier.objects.count() == count
