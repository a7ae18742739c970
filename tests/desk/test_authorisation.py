"""Who may open a dossier, act on it, print its slips and read the tracking book — through
the desk pages and the API alike. Refusals never write anything."""

import pytest

from motcua.dossiers.models import DossierEvent
from tests.api.conftest import Api
from tests.dossiers.factories import dossier_in

pytestmark = pytest.mark.django_db

# Processing at the department: the specialist there may see it; others are outsiders.
OUTSIDER = "other_officer"  # one-stop officer of another unit
WRONG_ROLE = "specialist"  # sees the dossier, may not stop it (a unit leader's action)


def _pages(client, world, who, code):
    if who is not None:
        client.force_login(getattr(world, who))
    return {
        "page": client.get(f"/can-bo/ho-so/{code}/"),
        "action": client.post(f"/can-bo/ho-so/{code}/thao-tac/stop/", {"reason": "Tranh chấp"}),
        "slip": client.get(f"/can-bo/ho-so/{code}/phieu/control.pdf"),
    }


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (OUTSIDER, {"page": 404, "action": 404, "slip": 404}),
        (WRONG_ROLE, {"page": 200, "action": 403, "slip": 200}),
        (None, {"page": 302, "action": 302, "slip": 302}),
    ],
)
def test_desk_pages_refuse_outsiders_wrong_roles_and_anonymous_users(client, world, who, expected):
    dossier = dossier_in("processing", world)
    events = DossierEvent.objects.count()
    responses = _pages(client, world, who, dossier.code)
    assert {k: r.status_code for k, r in responses.items()} == expected
    if who is None:
        assert all(r["Location"].startswith("/can-bo/dang-nhap/") for r in responses.values())
    assert DossierEvent.objects.count() == events
    dossier.refresh_from_db()
    assert dossier.status == "processing"


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (OUTSIDER, {"detail": 404, "action": 404, "slip": 404, "book": 404}),
        (WRONG_ROLE, {"detail": 200, "action": 409, "slip": 200, "book": 404}),
        (None, {"detail": 401, "action": 401, "slip": 401, "book": 401}),
    ],
)
def test_the_api_refuses_outsiders_wrong_roles_and_anonymous_callers(client, world, who, expected):
    dossier = dossier_in("processing", world)
    events = DossierEvent.objects.count()
    api = Api(client, getattr(world, who) if who else None)
    book = {"unit": world.desk.code, "from": "2026-03-01", "to": "2026-03-31", "format": "csv"}
    responses = {
        "detail": api.get(f"/dossiers/{dossier.code}"),
        "action": api.post(f"/dossiers/{dossier.code}/actions/stop", {"reason": "Tranh chấp"}),
        "slip": api.get(f"/dossiers/{dossier.code}/slips/control.pdf"),
        "book": api.get("/tracking-book", book),
    }
    assert {k: r.status_code for k, r in responses.items()} == expected
    for response in responses.values():
        if response.status_code >= 400:
            assert response.json()["message"]
    assert DossierEvent.objects.count() == events


def test_the_unit_leader_may_do_what_the_specialist_may_not(client, world):
    dossier = dossier_in("processing", world)
    client.force_login(world.leader)
    response = client.post(f"/can-bo/ho-so/{dossier.code}/thao-tac/stop/", {"reason": "Tranh chấp"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == "stopped"
