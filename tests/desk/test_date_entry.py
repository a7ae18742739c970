"""The desk's dates typed as dd/mm/yyyy: the worklist period and the result's signing day."""

import datetime as dt

import pytest
from django.utils import timezone

from motcua.dossiers.models import Dossier
from tests.dossiers.factories import desk_dossier, local, working_day_on_or_after

pytestmark = pytest.mark.django_db


def test_the_worklist_period_is_typed_as_dd_mm_yyyy(client, world):
    dossier = desk_dossier(world)  # submitted on 02/03/2026
    client.force_login(world.officer)
    page = client.get("/can-bo/ho-so/", {"date_from": "02/03/2026", "date_to": "2/3/2026"})
    html = page.content.decode()
    assert dossier.code in html
    assert 'type="date"' not in html and 'value="02/03/2026"' in html
    later = client.get("/can-bo/ho-so/", {"date_from": "03/03/2026"}).content.decode()
    assert dossier.code not in later
    bad = client.get("/can-bo/ho-so/", {"date_from": "32/03/2026"})
    assert bad.status_code == 422
    assert "Ngày 32/03/2026 không tồn tại." in bad.content.decode()


def test_the_result_is_signed_on_a_day_typed_as_dd_mm_yyyy(client, world):
    from motcua.dossiers import services

    dossier = desk_dossier(world)
    dossier = services.assign_dossier(
        actor=world.officer, dossier=dossier, at=local(2026, 3, 2, 10)
    )
    dossier = services.hand_over(actor=world.specialist, dossier=dossier, at=local(2026, 3, 2, 11))
    dossier = services.hand_over(actor=world.leader, dossier=dossier, at=local(2026, 3, 2, 14))
    client.force_login(world.clerk)
    url = f"/can-bo/ho-so/{dossier.code}/thao-tac/resolve/"
    form = {"granted": "1", "result_number": "7/GP", "signer": "Trần Văn Bình"}
    bad = client.post(url, form | {"result_date": "29/02/2026"})
    assert bad.status_code == 422
    assert "Ngày 29/02/2026 không tồn tại." in bad.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).status == dossier.status
    client.post(url, form | {"result_date": "03/03/2026"})
    assert Dossier.objects.get(pk=dossier.pk).result_date == dt.date(2026, 3, 3)


def test_the_new_appointment_is_typed_as_dd_mm_yyyy_hh_mm(client, world):
    from motcua.dossiers import services

    # In processing at the department and due in the future: its leader may apologise.
    dossier = desk_dossier(world, at=timezone.now())
    dossier = services.assign_dossier(actor=world.officer, dossier=dossier, at=timezone.now())
    # A working day: the new appointment is when the citizen can come.
    later = working_day_on_or_after(
        dossier, timezone.localdate(dossier.due_at) + dt.timedelta(days=30)
    )
    client.force_login(world.leader)
    page = client.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    assert 'type="datetime-local"' not in page and 'type="date"' not in page
    assert 'placeholder="dd/mm/yyyy hh:mm"' in page and 'data-datepicker="datetime"' in page
    url = f"/can-bo/ho-so/{dossier.code}/thao-tac/apologise/"
    form = {"reason": "Cần lấy ý kiến cơ quan quản lý quy hoạch"}
    bad = client.post(url, form | {"new_appointment_at": f"31/02/{later.year} 17:00"})
    assert bad.status_code == 422
    assert Dossier.objects.get(pk=dossier.pk).apologised_at is None
    client.post(url, form | {"new_appointment_at": f"{later:%d/%m/%Y} 17:00"})
    expected = timezone.make_aware(dt.datetime.combine(later, dt.time(17, 0)))
    assert Dossier.objects.get(pk=dossier.pk).appointment_at == expected
