"""The public lookup API's answer, read by two compiled queries and rendered without a second
validation, is exactly what the schema-validated answer built from the ORM objects was."""

import json

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test.utils import CaptureQueriesContext

from motcua.api.base import api
from motcua.api.portal import LookupOut
from motcua.dossiers import services
from motcua.portal.ratings import rate_service
from motcua.portal.selectors import PreparedRead, dossier_summary, find_for_lookup
from tests.core.test_replica import healthy, on_replica  # noqa: F401 (a fixture, a mark)
from tests.dossiers.factories import PHONE, dossier_in, local, make_world, online_dossier

URL = "/api/v1/public/lookup"


def reference_answer(code: str) -> bytes:
    """The answer as the API built it from `dossier_summary` and LookupOut validated it."""
    summary = dossier_summary(find_for_lookup(code, PHONE))
    d = summary.dossier
    result = None
    if d.status in ("resolved", "returned"):
        paper = d.status == "resolved" and (
            not d.result_file or d.procedure_version.result_on_paper
        )
        result = {
            "granted": d.granted,
            "number": d.result_number,
            "date": d.result_date,
            "electronic": bool(d.result_file),
            "download_url": f"http://testserver/tra-cuu/{d.code}/ket-qua/" if d.result_file
            else None,
            "collect_at": d.receiving_unit.name if paper else None,
            "collect_from": d.appointment_at if paper else None,
        }  # fmt: skip
    supplement = summary.supplement
    payload = {
        "code": d.code,
        "procedure_code": d.procedure_version.procedure.code,
        "procedure_name": d.procedure_version.name,
        "status": d.status,
        "status_code": d.status_code,
        "status_label": summary.status_label,
        "receiving_unit": d.receiving_unit.name,
        "submitted_at": d.submitted_at,
        "received_at": d.received_at,
        "due_at": d.due_at,
        "appointment_at": d.appointment_at,
        "finished_at": d.finished_at,
        "steps": [s.__dict__ for s in summary.steps],
        "supplement_items": [
            str(i.get("name", i)) if isinstance(i, dict) else str(i) for i in supplement.items
        ]
        if supplement
        else [],
        "payment": {
            "amount_due": summary.payable[1] if summary.payable else None,
            "paid_amount": d.paid_amount,
            "paid_at": d.paid_at,
            "receipt_number": d.payment_receipt_number,
            "paid_online": d.paid_online,
        },
        "result": result,
        "rated": summary.rating is not None,
        "can_rate": summary.can_rate,
    }
    validated = LookupOut.model_validate(payload).model_dump()
    return api.renderer.render(None, validated, response_status=200).encode()


def _with_online_payment(world):
    world.version.online_payment = True
    world.version.save()
    return online_dossier(world)


def _resolved_with_file(world):
    return services.resolve_dossier(
        actor=world.agency_leader, dossier=dossier_in("at_committee", world), granted=True,
        result_number="125/GPXD", result_file="ket-qua/gpxd-125.pdf", at=local(2026, 3, 2, 16),
    )  # fmt: skip


def _rated(world):
    dossier = dossier_in("returned", world)
    rate_service(actor=world.citizen, dossier=dossier, score=4, visit_count=1)
    return dossier


CASES = {
    "submitted": online_dossier,
    "fees_due_online": _with_online_payment,
    "awaiting_payment": lambda w: dossier_in("awaiting_payment", w),
    "supplement_requested": lambda w: dossier_in("supplement_requested", w),
    "supplement_requested_intake": lambda w: dossier_in("supplement_requested_intake", w),
    "processing": lambda w: dossier_in("processing", w),
    "refused": lambda w: dossier_in("refused", w),
    "withdrawn": lambda w: dossier_in("withdrawn", w),
    "resolved_on_paper": lambda w: dossier_in("resolved", w),
    "resolved_electronic": _resolved_with_file,
    "returned": lambda w: dossier_in("returned", w),
    "returned_and_rated": _rated,
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_answer_is_byte_for_byte_the_validated_one(client, world, settings, case):
    settings.PORTAL_LOOKUP_LIMIT = 1000
    settings.SITE_URL = "http://testserver"
    dossier = CASES[case](world)
    response = client.get(URL, {"code": dossier.code, "phone": "0912 345 678"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.content == reference_answer(dossier.code)
    # and it reads back through the schema unchanged
    again = LookupOut.model_validate(json.loads(response.content)).model_dump()
    assert api.renderer.render(None, again, response_status=200).encode() == response.content


def test_what_the_answer_says_in_the_states_that_matter(client, world, settings):
    settings.PORTAL_LOOKUP_LIMIT = 1000
    due = client.get(URL, {"code": _with_online_payment(world).code, "phone": PHONE}).json()
    assert due["payment"]["amount_due"] == 75000
    rated = client.get(URL, {"code": _rated(world).code, "phone": PHONE}).json()
    assert (rated["rated"], rated["can_rate"], rated["result"]["granted"]) == (True, False, True)
    assert rated["steps"][0]["at"].endswith("Z") and rated["steps"][-1]["status"]


def test_a_payment_due_costs_only_the_payment_checks(client, world, settings):
    settings.PORTAL_LOOKUP_LIMIT = 1000
    dossier = dossier_in("awaiting_payment", world)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(URL, {"code": dossier.code, "phone": PHONE}).json()
    assert body["payment"]["amount_due"] == 75000
    # dossier, steps, then amount_due's last request and paid check; no row read again
    assert len(queries) == 4, [q["sql"][:80] for q in queries.captured_queries]
    reads = [q["sql"] for q in queries.captured_queries]
    assert not [sql for sql in reads[1:] if sql.startswith('SELECT "dossiers_dossier".')]


def test_unknown_code_and_wrong_phone_cost_the_same_one_query(client, world, settings):
    settings.PORTAL_LOOKUP_LIMIT = 1000
    dossier = online_dossier(world)
    answers = []
    for code, phone in [(dossier.code, "0900000000"), ("000.22.27.H26-260302-9999", PHONE)]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {"code": code, "phone": phone})
        assert response.status_code == 404 and len(queries) == 1
        answers.append(response.content)
    assert answers[0] == answers[1]


def test_a_prepared_read_refuses_a_sample_it_cannot_find(db):
    from motcua.dossiers.models import Dossier

    read = PreparedRead(lambda code: Dossier.objects.filter(code="x").values_list("id"), code="y")
    with pytest.raises(ValueError):
        read.rows("default", code="z")


def test_labels_follow_the_chosen_language_each_time(client, world, settings):
    settings.PORTAL_LOOKUP_LIMIT = 1000
    dossier = dossier_in("received", world)
    params = {"code": dossier.code, "phone": PHONE}
    vietnamese = client.get(URL, params).json()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(URL, params).json()
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    again = client.get(URL, params).json()
    assert vietnamese["status_label"] == again["status_label"] == "Được tiếp nhận"
    assert english["status_label"] != vietnamese["status_label"]
    assert english["steps"][0]["label"] != vietnamese["steps"][0]["label"]
    assert again["steps"] == vietnamese["steps"]


@on_replica
def test_the_api_lookup_reads_the_dossier_and_its_steps_from_the_standby(client, settings):
    settings.PORTAL_LOOKUP_LIMIT = 1000
    dossier = dossier_in("processing", make_world())
    with (
        CaptureQueriesContext(connections["replica"]) as on_standby,
        CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as on_primary,
    ):
        response = client.get(URL, {"code": dossier.code, "phone": PHONE})
    assert response.status_code == 200 and response.json()["steps"]
    standby = " ".join(q["sql"] for q in on_standby.captured_queries)
    assert 'FROM "dossiers_dossier"' in standby and 'FROM "dossiers_dossierevent"' in standby
    assert "dossiers_dossier" not in " ".join(q["sql"] for q in on_primary.captured_queries)
