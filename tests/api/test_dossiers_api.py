"""Staff dossier API: receive, worklist, detail and actions, with their refusals."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.dossiers.models import Dossier, DossierEvent
from tests.dossiers.factories import APPLICANT, desk_dossier, dossier_in, local, required_part_ids

pytestmark = pytest.mark.django_db


def receipt_body(world, **overrides):
    return {
        "procedure": world.version.procedure.code,
        "unit": world.desk.code,
        "channel": 1,
        "applicant": {k: v for k, v in APPLICANT.items() if k != "kind"},
        "parts_received": required_part_ids(world),
        **overrides,
    }


# --- receive ----------------------------------------------------------------------------------


def test_an_officer_receives_a_complete_dossier_and_gets_its_code_and_appointment(api, world):
    response = api.as_(world.officer).post("/dossiers", receipt_body(world))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["code"].startswith("000.22.27.H26-")
    assert body["status"] == "received" and body["status_code"] == 2
    assert body["received_at"] and body["due_at"] and body["appointment_at"] == body["due_at"]
    assert body["applicant_name"] == "Nguyễn Thị Hồng Nhung"
    dossier = Dossier.objects.get(code=body["code"])
    assert [e.action for e in dossier.events.order_by("seq")] == ["submit", "receive"]


def test_missing_required_parts_are_named_and_nothing_is_written(api, world):
    body = receipt_body(world, parts_received=[world.parts[0].pk])
    response = api.as_(world.officer).post("/dossiers", body)
    assert response.status_code == 422
    assert response.json()["code"] == "parts_missing"
    assert "Bản vẽ thiết kế xây dựng" in response.json()["message"]
    assert not Dossier.objects.exists() and not DossierEvent.objects.exists()


def test_omitted_parts_mean_all_parts_were_received(api, world):
    body = receipt_body(world)
    del body["parts_received"]
    response = api.as_(world.officer).post("/dossiers", body)
    assert response.status_code == 201
    assert Dossier.objects.get().parts.count() == len(world.parts)


@pytest.mark.parametrize("who", ["specialist", "other_officer"])
def test_only_the_receiving_units_officers_may_receive(api, world, who):
    response = api.as_(getattr(world, who)).post("/dossiers", receipt_body(world))
    assert response.status_code in (403, 409)
    assert "không có quyền" in response.json()["message"]
    assert not Dossier.objects.exists()


def test_anonymous_callers_are_asked_to_sign_in(api, world):
    response = api.post("/dossiers", receipt_body(world))
    assert response.status_code == 401
    assert response.json()["message"] == "Bạn cần đăng nhập."


@pytest.mark.parametrize(
    "change",
    [
        {"procedure": ""},
        {"procedure": "9.999999"},
        {"procedure": "1.009994\x00"},
        {"unit": "x" * 41},
        {"unit": "không-có"},
        {"channel": 2},
        {"channel": "một"},
        {"parts_received": "all"},
        {"parts_received": [10**9]},
        {"applicant": {"name": ""}},
        {"applicant": {"name": "A" * 256}},
        {"applicant": {"name": "Lê Văn\x00 Tám", "phone": "abc"}},
        {"applicant": {"name": "Lê", "email": "khong-phai-thu"}},
        {"applicant": "Nguyễn Văn A"},
    ],
)
def test_bad_receipt_input_is_refused_in_vietnamese(api, world, change):
    response = api.as_(world.officer).post("/dossiers", receipt_body(world, **change))
    assert 400 <= response.status_code < 500
    message = response.json()["message"]
    assert message and message.isascii() is False
    assert not Dossier.objects.exists()


def test_an_empty_or_broken_body_is_a_4xx(api, world):
    officer = api.as_(world.officer)
    assert officer.post("/dossiers", {}).status_code == 422
    assert 400 <= officer.post("/dossiers", "{not json").status_code < 500


def test_odd_unicode_names_are_stored_normalised(api, world):
    decomposed = "Nguye\u0302\u0303n Thi\u0323 \u202eHoa"
    body = receipt_body(world, applicant={"name": decomposed, "phone": "0912 345 678"})
    response = api.as_(world.officer).post("/dossiers", body)
    assert response.status_code == 201
    assert response.json()["applicant_name"].startswith("Nguyễn Thị")


# --- worklist ---------------------------------------------------------------------------------


def test_the_worklist_shows_the_callers_units_dossiers_only(api, world):
    mine = desk_dossier(world)
    response = api.as_(world.officer).get("/dossiers")
    assert [d["code"] for d in response.json()["items"]] == [mine.code]
    assert api.as_(world.other_officer).get("/dossiers").json()["items"] == []
    assert api.get("/dossiers").status_code == 401


def test_worklist_filters_by_status_search_and_overdue(api, world):
    received = desk_dossier(world)
    other = desk_dossier(
        world, applicant={**APPLICANT, "name": "Trần Văn Bình", "phone": "0987654321"}
    )
    officer = api.as_(world.officer)
    codes = lambda params: [d["code"] for d in officer.get("/dossiers", params).json()["items"]]  # noqa: E731
    assert codes({"q": "tran van binh"}) == [other.code]
    assert codes({"q": "0987654321"}) == [other.code]
    assert codes({"status": "received"}) == sorted([received.code, other.code], key=lambda c: c)
    assert codes({"status": "processing"}) == []
    assert set(codes({"overdue": "true"})) == {received.code, other.code}  # due in March 2026
    assert codes({"unit": world.desk.code, "due_before": "2020-01-01T00:00:00+07:00"}) == []


def test_the_worklist_pages_with_an_opaque_cursor_in_due_order(api, world):
    made = [desk_dossier(world, at=local(2026, 3, day, 9)) for day in (2, 3, 4, 5, 6)]
    officer = api.as_(world.officer)
    seen, cursor = [], None
    for _page in range(5):
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        body = officer.get("/dossiers", params).json()
        seen += [d["code"] for d in body["items"]]
        cursor = body["next"]
        if cursor is None:
            break
    assert seen == [d.code for d in made]


@pytest.mark.parametrize("cursor", ["không-phải", "!!!", "W251bGwsICJ4Il0", "x" * 201])
def test_a_broken_cursor_is_refused(api, world, cursor):
    response = api.as_(world.officer).get("/dossiers", {"cursor": cursor})
    assert response.status_code == 422
    assert response.json()["message"]


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 101},
        {"limit": "mười"},
        {"overdue": "có lẽ"},
        {"unit": "a\x00b"},
        {"due_before": "hôm qua"},
        {"due_before": "0391-03-24T00:18:15+20:08"},
        {"due_before": "3026-01-01T00:00:00+07:00"},
        {"status": "Đang xử lý"},
        {"q": "x" * 201},
    ],
)
def test_bad_worklist_filters_are_refused(api, world, params):
    response = api.as_(world.officer).get("/dossiers", params)
    assert response.status_code == 422


def test_an_offset_postgresql_would_refuse_is_taken_to_utc(api, world):
    dossier = desk_dossier(world)
    officer = api.as_(world.officer)
    later = (dossier.due_at + dt.timedelta(days=1)).astimezone(dt.timezone(dt.timedelta(hours=20)))
    params = {"unit": world.desk.code, "due_before": later.isoformat()}
    response = officer.get("/dossiers", params)
    assert response.status_code == 200
    assert [row["code"] for row in response.json()["items"]] == [dossier.code]


def test_an_unknown_status_or_unit_finds_nothing(api, world):
    desk_dossier(world)
    officer = api.as_(world.officer)
    assert officer.get("/dossiers", {"status": "khong_co"}).json()["items"] == []
    assert officer.get("/dossiers", {"unit": "khong-co"}).status_code == 404


@pytest.mark.parametrize("rows", [1, 10, 50])
def test_the_worklist_query_count_does_not_grow_with_the_page(api, world, rows):
    for i in range(rows):
        desk_dossier(world, at=local(2026, 3, 2, 8) if i == 0 else None)
    officer = api.as_(world.officer)
    with CaptureQueriesContext(connection) as queries:
        response = officer.get("/dossiers", {"limit": 50})
    assert len(response.json()["items"]) == rows
    assert len(queries) <= 4


# --- detail -----------------------------------------------------------------------------------


def test_the_dossier_detail_has_steps_parts_history_and_allowed_actions(api, world):
    dossier = dossier_in("processing", world)
    body = api.as_(world.specialist).get(f"/dossiers/{dossier.code}").json()
    assert body["status"] == "processing"
    assert [s["name"] for s in body["steps"]] == ["Thẩm định hồ sơ"]
    assert [e["action"] for e in body["history"]] == ["submit", "receive", "assign"]
    assert {p["name"] for p in body["parts"] if p["received"]} >= {"Bản vẽ thiết kế xây dựng"}
    assert "hand_over" in body["allowed_actions"] and "resolve" not in body["allowed_actions"]
    assert "receipt" in body["slips"]


def test_another_units_user_gets_the_same_404_as_for_a_missing_dossier(api, world):
    dossier = desk_dossier(world)
    other = api.as_(world.other_officer)
    assert other.get(f"/dossiers/{dossier.code}").status_code == 404
    missing = other.get("/dossiers/000.22.27.H26-260302-9999")
    assert missing.status_code == 404 and missing.json()["message"] == "Không tìm thấy hồ sơ."
    assert api.get(f"/dossiers/{dossier.code}").status_code == 401


@pytest.mark.parametrize("code", ["x" * 41, "a%00b", "mã hồ sơ", "%E2%80%AE"])
def test_odd_dossier_codes_are_404s(api, world, code):
    assert api.as_(world.officer).get(f"/dossiers/{code}").status_code == 404


# --- actions ----------------------------------------------------------------------------------


def test_actions_move_the_dossier_through_its_life(api, world):
    dossier = desk_dossier(world)
    path = f"/dossiers/{dossier.code}/actions"
    r = api.as_(world.officer).post(f"{path}/assign", {"note": "Chuyển phòng"})
    assert r.status_code == 200 and r.json()["status"] == "processing"
    r = api.as_(world.leader).post(f"{path}/assign", {"assignee": "specialist"})
    assert r.json()["assignee"] == "specialist"
    r = api.as_(world.specialist).post(
        f"{path}/request_supplement", {"items": ["Bản vẽ mặt bằng móng"], "reason": "Thiếu"}
    )
    assert r.json()["status"] == "supplement_requested" and r.json()["paused"] is True
    r = api.as_(world.officer).post(f"{path}/submit_supplement", {"in_person": True})
    assert r.json()["status"] == "processing"
    r = api.as_(world.specialist).post(f"{path}/hand_over", {})
    r = api.as_(world.leader).post(f"{path}/hand_over", {"note": "Trình ký"})
    assert r.json()["current_unit"]["code"] == world.committee.code
    r = api.as_(world.agency_leader).post(
        f"{path}/resolve", {"granted": True, "result_number": "12/GPXD", "signer": "Phạm Văn Hòa"}
    )
    assert r.json()["status"] == "resolved"
    r = api.as_(world.officer).post(f"{path}/return_result", {"method": "desk"})
    assert r.status_code == 200 and r.json()["status"] == "returned"
    assert r.json()["allowed_actions"] == []


def test_a_state_or_role_that_does_not_allow_the_action_is_a_409(api, world):
    dossier = desk_dossier(world)
    path = f"/dossiers/{dossier.code}/actions"
    wrong_state = api.as_(world.officer).post(f"{path}/receive", {})
    assert wrong_state.status_code == 409
    assert "Không thể tiếp nhận hồ sơ" in wrong_state.json()["message"]
    processing = dossier_in("processing", world)
    wrong_role = api.as_(world.specialist).post(
        f"/dossiers/{processing.code}/actions/resolve", {"granted": True}
    )
    assert wrong_role.status_code == 409
    assert "không có quyền" in wrong_role.json()["message"]


@pytest.mark.parametrize(
    ("action", "body"),
    [
        ("refuse", {}),
        ("stop", {"reason": "   "}),
        ("request_payment", {"amount": "bảy mươi nghìn"}),
        ("request_payment", {"amount": -5}),
        ("request_supplement", {"items": []}),
        ("assign", {"assignee": "khong-ton-tai"}),
        ("assign", {"assignee": "a b"}),
        ("hand_over", {"to_unit": "khong-co"}),
        ("apologise", {"new_appointment_at": "2026-03-20T17:00:00", "reason": "Chậm"}),
        ("resolve", {"granted": "có"}),
        ("resolve", {"granted": False, "reason": ""}),
        ("resolve", {"granted": True, "e_result": True}),  # electronic, but no result file
        ("return_result", {"method": "bồ câu"}),
        ("refuse", {"reason": "x" * 2001}),
    ],
)
def test_bad_action_fields_are_422_in_vietnamese(api, world, action, body):
    state = {
        "refuse": "submitted", "stop": "processing", "request_payment": "processing",
        "request_supplement": "processing", "assign": "received", "hand_over": "processing",
        "apologise": "processing", "resolve": "at_committee", "return_result": "resolved",
    }[action]  # fmt: skip
    dossier = dossier_in(state, world)
    actor = {
        "refuse": world.officer, "stop": world.leader, "request_payment": world.specialist,
        "request_supplement": world.specialist, "assign": world.officer,
        "hand_over": world.specialist, "apologise": world.leader,
        "resolve": world.agency_leader, "return_result": world.officer,
    }[action]  # fmt: skip
    events = DossierEvent.objects.count()
    response = api.as_(actor).post(f"/dossiers/{dossier.code}/actions/{action}", body)
    assert response.status_code == 422, response.content
    assert response.json()["message"]
    assert DossierEvent.objects.count() == events


def test_an_electronic_result_without_its_file_is_refused_and_nothing_is_written(api, world):
    dossier = dossier_in("at_committee", world)
    events, status = DossierEvent.objects.count(), dossier.status
    response = api.as_(world.agency_leader).post(
        f"/dossiers/{dossier.code}/actions/resolve", {"granted": True, "e_result": True}
    )
    assert response.status_code == 422
    assert "Chưa có tệp kết quả điện tử" in response.json()["message"]
    assert DossierEvent.objects.count() == events
    dossier.refresh_from_db()
    assert dossier.status == status and not dossier.e_result and not dossier.result_number
    ok = api.as_(world.agency_leader).post(
        f"/dossiers/{dossier.code}/actions/resolve",
        {"granted": True, "e_result": True, "result_file": "ket-qua/gpxd-12.pdf"},
    )
    assert ok.status_code == 200 and ok.json()["status"] == "resolved"
    dossier.refresh_from_db()
    assert dossier.e_result and dossier.result_file == "ket-qua/gpxd-12.pdf"


def test_unknown_actions_and_other_units_are_404_and_write_nothing(api, world):
    dossier = desk_dossier(world)
    events = DossierEvent.objects.count()
    unknown = api.as_(world.officer).post(f"/dossiers/{dossier.code}/actions/xoa", {})
    assert unknown.status_code == 404 and "Không có thao tác" in unknown.json()["message"]
    other = api.as_(world.other_officer).post(f"/dossiers/{dossier.code}/actions/assign", {})
    assert other.status_code == 404
    anonymous = api.post(f"/dossiers/{dossier.code}/actions/assign", {})
    assert anonymous.status_code == 401
    assert DossierEvent.objects.count() == events
    assert Dossier.objects.get().status == "received"


def test_an_apology_moves_the_appointment(api, world):
    dossier = dossier_in("processing", world)
    response = api.as_(world.leader).post(
        f"/dossiers/{dossier.code}/actions/apologise",
        {"new_appointment_at": "2026-03-20T17:00:00+07:00", "reason": "Cần xác minh thực địa"},
    )
    # The dossier's due date has passed in real time, so the apology comes too late.
    assert response.status_code == 409
    assert "trước ngày hết hạn" in response.json()["message"]


@pytest.mark.parametrize("extra_parts", [0, 6])
def test_the_intake_request_query_count_does_not_grow_with_the_parts(api, world, extra_parts):
    from tests.factories import DossierPartFactory

    for n in range(extra_parts):
        DossierPartFactory(version=world.version, order=20 + n, name=f"Giấy tờ kèm theo {n}")
    officer = api.as_(world.officer)
    body = {k: v for k, v in receipt_body(world).items() if k != "parts_received"}
    assert officer.post("/dossiers", body).status_code == 201  # counters and rollups exist now
    with CaptureQueriesContext(connection) as queries:
        response = officer.post("/dossiers", body, headers={"Idempotency-Key": "k-1"})
    assert response.status_code == 201, response.content
    assert response.json()["code"].endswith("-0002")
    assert Dossier.objects.get(code=response.json()["code"]).parts.count() == 3 + extra_parts
    # Token, key, catalogue, the dossier with its parts and two events (each with its fact,
    # rollups and audit row), the code, the stored answer: the same for 3 parts or 9.
    assert len(queries) <= 45
    INTAKE_QUERIES.setdefault(connection.vendor, set()).add(len(queries))
    assert len(INTAKE_QUERIES[connection.vendor]) == 1, INTAKE_QUERIES


INTAKE_QUERIES: dict[str, set[int]] = {}


def test_a_nul_character_anywhere_in_the_input_is_refused_before_any_query(api, world):
    body = {"username": "\x00officer", "password": "x"}
    with CaptureQueriesContext(connection) as ctx:
        response = api.post("/auth/token", body)
    assert response.status_code == 400
    assert response.json()["code"] == "nul_character"
    assert "NUL" in response.json()["message"]
    assert ctx.captured_queries == []
    nested = api.as_(world.officer).post("/dossiers", {"applicant": {"name": "A\x00"}})
    assert nested.status_code == 400 and Dossier.objects.count() == 0
    query = api.get("/public/lookup", {"code": "X\x00", "phone": "0912345678"})
    assert query.status_code == 422  # in a query string
