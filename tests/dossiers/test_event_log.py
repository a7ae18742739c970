"""The event log is append-only in the database: UPDATE and DELETE are refused by a trigger."""

import pytest
from django.db import DatabaseError, connection, transaction

from motcua.dossiers.models import DossierEvent
from motcua.notifications.models import Notification
from tests.dossiers.factories import dossier_in

REFUSAL = "append-only"


@pytest.fixture
def event(world):
    dossier = dossier_in("received", world)
    return dossier.events.order_by("seq").first()


def _refused(action):
    with pytest.raises(DatabaseError) as refused, transaction.atomic():
        action()
    assert REFUSAL in str(refused.value)


def test_raw_sql_update_is_refused(event):
    def update():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE dossiers_dossierevent SET note = %s WHERE id = %s", ["sửa", event.pk]
            )

    _refused(update)
    assert DossierEvent.objects.get(pk=event.pk).note == event.note


def test_raw_sql_delete_is_refused(event):
    def delete():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM dossiers_dossierevent WHERE id = %s", [event.pk])

    _refused(delete)
    assert DossierEvent.objects.filter(pk=event.pk).exists()


def test_orm_update_and_save_are_refused(event):
    _refused(lambda: DossierEvent.objects.filter(pk=event.pk).update(action="refuse"))
    event.note = "ghi đè"
    _refused(lambda: event.save(update_fields=["note"]))
    assert DossierEvent.objects.get(pk=event.pk).action == "submit"


def test_orm_delete_is_refused(event):
    # Its notifications (written with the events) would refuse first, by PROTECT: not the point.
    Notification.objects.filter(dossier=event.dossier).delete()
    _refused(lambda: DossierEvent.objects.filter(dossier=event.dossier).delete())
    _refused(event.delete)
    assert DossierEvent.objects.filter(dossier=event.dossier).count() == 2


def test_events_can_still_be_appended(event):
    DossierEvent.objects.create(
        dossier=event.dossier, seq=3, at=event.at, action="comment", note="Đã gọi điện cho dân"
    )
    assert list(event.dossier.events.values_list("seq", flat=True)) == [1, 2, 3]
