"""`Idempotency-Key` on `POST /api/v1/dossiers`: a retry gets the first answer, never a second
dossier; a key reused for another body, or a malformed key, is refused in Vietnamese."""

import threading

import pytest
from django.db import connection, connections

from motcua.api.models import IdempotencyKey
from motcua.dossiers.models import CodeCounter, Dossier
from tests.api.conftest import Api
from tests.api.test_dossiers_api import receipt_body

pytestmark = pytest.mark.django_db

KEY = "3f1c8a52-6f0e-4b7a-9d2e-1c0b5e9a7d41"


def test_a_retry_with_the_same_key_gets_the_first_answer_and_no_second_dossier(api, world):
    officer = api.as_(world.officer)
    first = officer.post("/dossiers", receipt_body(world), headers={"Idempotency-Key": KEY})
    assert first.status_code == 201, first.content
    again = officer.post("/dossiers", receipt_body(world), headers={"Idempotency-Key": KEY})
    assert again.status_code == 201
    assert again.json() == first.json()
    assert Dossier.objects.count() == 1
    assert CodeCounter.objects.get().last == 1
    row = IdempotencyKey.objects.get()
    assert row.dossier.code == first.json()["code"] and row.user == world.officer


def test_without_a_key_each_post_is_a_new_dossier(api, world):
    officer = api.as_(world.officer)
    codes = {officer.post("/dossiers", receipt_body(world)).json()["code"] for _ in range(2)}
    assert len(codes) == 2
    assert not IdempotencyKey.objects.exists()


def test_different_keys_make_different_dossiers(api, world):
    officer = api.as_(world.officer)
    a = officer.post("/dossiers", receipt_body(world), headers={"Idempotency-Key": "a-1"})
    b = officer.post("/dossiers", receipt_body(world), headers={"Idempotency-Key": "a-2"})
    assert a.json()["code"] != b.json()["code"]
    assert Dossier.objects.count() == 2


def test_the_same_key_with_another_body_is_a_409_in_vietnamese(api, world):
    officer = api.as_(world.officer)
    officer.post("/dossiers", receipt_body(world), headers={"Idempotency-Key": KEY})
    other = receipt_body(world, note="Hồ sơ khác")
    refused = officer.post("/dossiers", other, headers={"Idempotency-Key": KEY})
    assert refused.status_code == 409
    assert refused.json()["code"] == "idempotency_key_reused"
    assert "Khóa chống trùng lặp" in refused.json()["message"]
    assert Dossier.objects.count() == 1


def test_keys_belong_to_their_caller(api, world):
    keyed = {"Idempotency-Key": KEY}
    a = api.as_(world.officer).post("/dossiers", receipt_body(world), headers=keyed)
    b = api.as_(world.omni).post("/dossiers", receipt_body(world), headers=keyed)
    assert a.status_code == b.status_code == 201
    assert a.json()["code"] != b.json()["code"]
    assert IdempotencyKey.objects.count() == 2


def test_a_refused_request_keeps_no_key_and_may_be_corrected(api, world):
    officer = api.as_(world.officer)
    bad = receipt_body(world, parts_received=[world.parts[0].pk])
    refused = officer.post("/dossiers", bad, headers={"Idempotency-Key": KEY})
    assert refused.status_code == 422
    assert not IdempotencyKey.objects.exists() and not Dossier.objects.exists()
    fixed = officer.post("/dossiers", receipt_body(world), headers={"Idempotency-Key": KEY})
    assert fixed.status_code == 201
    assert fixed.json()["code"].endswith("-0001")


@pytest.mark.parametrize("key", ["", " padded ", "x" * 256, "khóa-tiếng-việt", "tab\there"])
def test_a_malformed_key_is_a_422_in_vietnamese_and_writes_nothing(api, world, key):
    refused = api.as_(world.officer).post(
        "/dossiers", receipt_body(world), headers={"Idempotency-Key": key}
    )
    assert refused.status_code == 422, refused.content
    assert refused.json()["code"] == "bad_idempotency_key"
    assert "Idempotency-Key" in refused.json()["message"]
    assert not Dossier.objects.exists() and not IdempotencyKey.objects.exists()


def test_an_answer_lost_before_it_was_kept_is_rebuilt_from_the_dossier(api, world):
    officer = api.as_(world.officer)
    first = officer.post("/dossiers", receipt_body(world), headers={"Idempotency-Key": KEY})
    IdempotencyKey.objects.update(response=None)  # the process died right after the commit
    again = officer.post("/dossiers", receipt_body(world), headers={"Idempotency-Key": KEY})
    assert again.status_code == 201
    assert again.json()["code"] == first.json()["code"]
    assert Dossier.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_twins_with_one_key_file_one_dossier(client, world):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    from django.test import Client

    api = Api(client).as_(world.officer)
    answers, lock = [], threading.Lock()
    barrier = threading.Barrier(4)

    def post():
        try:
            barrier.wait(timeout=30)
            response = Api(Client(), None)
            response.headers = api.headers
            got = response.post("/dossiers", receipt_body(world), headers={"Idempotency-Key": KEY})
            with lock:
                answers.append((got.status_code, got.json().get("code")))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(answers) == 4
    assert {status for status, _code in answers} == {201}
    assert len({code for _status, code in answers}) == 1
    assert Dossier.objects.count() == 1
