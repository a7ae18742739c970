import pytest

pytestmark = pytest.mark.django_db


def test_list_is_paginated_with_count_and_items(client, catalogue):
    body = client.get("/api/v1/public/procedures", {"limit": 1}).json()
    assert body["count"] == 2
    assert len(body["items"]) == 1
    item = body["items"][0]
    assert item["code"] == "1.009994"
    assert item["service_level"] == "full_online"
    assert item["receiving_units"] == ["ntl-mot-cua"]
    assert item["statutory_minutes"] == 15 * 480 and item["committed_minutes"] == 12 * 480
    second = client.get("/api/v1/public/procedures", {"limit": 1, "offset": 1}).json()
    assert second["items"][0]["code"] == "1.001193"


def test_list_search_without_diacritics(client, catalogue):
    body = client.get("/api/v1/public/procedures", {"q": "cap giay phep xay dung"}).json()
    assert [i["name"] for i in body["items"]] == [
        "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"
    ]


def test_detail_has_parts_fees_and_steps(client, catalogue):
    body = client.get("/api/v1/public/procedures/1.009994").json()
    assert [p["name"] for p in body["parts"]] == [
        "Đơn đề nghị cấp giấy phép xây dựng",
        "Bản vẽ thiết kế xây dựng",
    ]
    assert body["fees"][0]["amount"] == 75000
    assert [s["order"] for s in body["steps"]] == [1, 2]
    assert body["legal_basis"].startswith("Luật Xây dựng")


def test_unknown_procedure_is_a_vietnamese_404(client, catalogue):
    response = client.get("/api/v1/public/procedures/9.999999")
    assert response.status_code == 404
    assert response.json()["message"] == "Không tìm thấy dữ liệu yêu cầu."


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 10_000},
        {"limit": "abc"},
        {"limit": 0},
        {"limit": 10_000},
        {"offset": -1},
        {"on": "31/02/2026"},
        {"field": "f" * 500},
        {"q": "\x00"},
    ],
)
def test_bad_list_parameters_get_422_with_a_vietnamese_message(client, catalogue, params):
    response = client.get("/api/v1/public/procedures", params)
    assert response.status_code == 422
    assert response.json()["message"] == "Dữ liệu gửi lên không hợp lệ."


@pytest.mark.parametrize("q", ["", "   ", "😀🏛️", "'; DROP TABLE x; --", "%_%", "\u0301\u0301"])
def test_odd_queries_never_fail(client, catalogue, q):
    response = client.get("/api/v1/public/procedures", {"q": q})
    assert response.status_code == 200
    assert isinstance(response.json()["count"], int)


def test_list_query_count_does_not_grow_with_rows(client, catalogue, django_assert_max_num_queries):
    from tests.factories import ProcedureVersionFactory

    for _ in range(40):
        ProcedureVersionFactory(receiving_units=[catalogue["desk"], catalogue["ward"]])
    with django_assert_max_num_queries(3):
        body = client.get("/api/v1/public/procedures", {"limit": 50}).json()
    assert len(body["items"]) == 42


def test_openapi_is_published(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/public/procedures" in spec["paths"]


@pytest.mark.parametrize("body", ["{not json", "\x00", '{"a": '])
def test_an_unparsable_json_body_gets_a_vietnamese_400(client, body):
    response = client.post("/api/v1/auth/token", body, content_type="application/json")
    assert response.status_code == 400
    assert (
        response.json()["message"] == "Không đọc được nội dung yêu cầu: dữ liệu JSON không hợp lệ."
    )
