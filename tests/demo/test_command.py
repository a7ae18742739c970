"""`motcua demo` on an empty database: what it creates, that it is idempotent and atomic."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.db import connection

from motcua.catalog.models import (
    DossierPart,
    Fee,
    Field,
    Procedure,
    ProcedureStep,
    ProcedureVersion,
)
from motcua.demo import loader
from motcua.organization.models import Membership, Unit

DEMO_MODELS = [
    Unit,
    Field,
    Procedure,
    ProcedureVersion,
    DossierPart,
    Fee,
    ProcedureStep,
    ProcedureVersion.receiving_units.through,
    ProcedureVersion.resolving_units.through,
    Membership,
]


def run_demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    tables = set(connection.introspection.table_names())
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.db_table in tables and model._meta.managed
    }


def snapshot() -> dict[str, list[dict]]:
    rows = {m._meta.label: list(m._default_manager.order_by("pk").values()) for m in DEMO_MODELS}
    rows["users"] = list(get_user_model().objects.order_by("pk").values())
    return rows


@pytest.mark.django_db
def test_demo_loads_into_an_empty_database_and_prints_the_accounts():
    assert Unit.objects.count() == 0

    out = run_demo()

    assert Procedure.objects.count() == 180
    assert Unit.objects.filter(code="p-tu-liem-pvhcc").exists()
    assert "180 thủ tục" in out
    assert "motcua-demo" in out
    for username in ("quantri", "motcua.tuliem", "chutich.tuliem", "motcua.ntl", "vanthu.ntl"):
        assert username in out


@pytest.mark.django_db
def test_a_second_run_creates_nothing_and_changes_nothing():
    run_demo()
    counts, rows = row_counts(), snapshot()

    out = run_demo()

    assert row_counts() == counts
    assert snapshot() == rows
    assert "0 đơn vị, 0 thủ tục, 0 tài khoản mới" in out


@pytest.mark.django_db
def test_a_second_run_keeps_what_an_administrator_changed():
    run_demo()
    Unit.objects.filter(code="p-tu-liem-pvhcc").update(phone="024 1111 2222")
    officer = get_user_model().objects.get(username="motcua.tuliem")
    officer.set_password("mat-khau-rieng-2026")
    officer.save(update_fields=["password"])

    run_demo()

    assert Unit.objects.get(code="p-tu-liem-pvhcc").phone == "024 1111 2222"
    assert authenticate(username="motcua.tuliem", password="mat-khau-rieng-2026") is not None
    assert authenticate(username="motcua.tuliem", password="motcua-demo") is None


@pytest.mark.django_db
def test_a_failure_part_way_leaves_nothing_behind(monkeypatch):
    def broken_staff(units):
        raise RuntimeError("hỏng giữa chừng")

    monkeypatch.setattr(loader, "load_staff", broken_staff)

    with pytest.raises(RuntimeError):
        run_demo()

    assert Unit.objects.count() == 0
    assert Procedure.objects.count() == 0


@pytest.mark.django_db
def test_staff_sign_in_with_the_shared_demo_password_only():
    run_demo()

    user = authenticate(username="chuyenvien.tuliem", password="motcua-demo")
    assert user is not None and user.is_staff and not user.is_superuser
    assert (user.last_name, user.first_name) == ("Phạm", "Minh Tuấn")
    admin = authenticate(username="quantri", password="motcua-demo")
    assert admin is not None and admin.is_superuser
    assert authenticate(username="chuyenvien.tuliem", password="motcua") is None
