"""Lookup by code and phone: the same 404 for unknown code and wrong phone, 429 for a storm."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from motcua.core.errors import NotFound
from motcua.dossiers import services
from motcua.portal.selectors import dossier_summary, find_for_lookup
from tests.dossiers.factories import PHONE, dossier_in, online_dossier

NOT_FOUND = "Không tìm thấy hồ sơ với mã và số điện thoại đã nhập."


def test_code_and_phone_show_status_dates_and_steps(client, world):
    dossier = dossier_in("processing", world)
    response = client.get(reverse("portal:lookup"), {"code": dossier.code, "phone": PHONE})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Đang xử lý" in page
    assert "Tiếp nhận hồ sơ" in page
    assert dossier.received_at.astimezone().strftime("%d/%m/%Y") in page


@pytest.mark.parametrize("typed", ["+84 912 345 678", "+84912345678"])
def test_a_phone_written_with_the_country_code_finds_the_dossier(client, world, typed):
    dossier = online_dossier(world)  # the applicant wrote 0912 345 678
    response = client.get(reverse("portal:lookup"), {"code": dossier.code, "phone": typed})
    assert response.status_code == 200 and dossier.code in response.content.decode()
    assert (
        client.get("/api/v1/public/lookup", {"code": dossier.code, "phone": typed}).json()["code"]
        == dossier.code
    )


def test_a_phone_given_with_the_country_code_is_found_from_its_national_form(client, world):
    dossier = online_dossier(world)
    type(dossier).objects.filter(pk=dossier.pk).update(applicant_phone="+84912345678")
    assert find_for_lookup(dossier.code, "0912 345 678") == dossier
    with pytest.raises(NotFound):
        find_for_lookup(dossier.code, "+84912345679")


def test_phone_written_with_spaces_still_matches(client, world):
    dossier = online_dossier(world)
    params = {"code": dossier.code, "phone": "0912 345.678"}
    response = client.get(reverse("portal:lookup"), params)
    assert response.status_code == 200
    assert "Mới đăng ký" in response.content.decode()


def test_unknown_code_and_wrong_phone_answer_the_same_404(client, world):
    dossier = online_dossier(world)
    wrong_phone = client.get(
        reverse("portal:lookup"), {"code": dossier.code, "phone": "0900000000"}
    )
    unknown = client.get(
        reverse("portal:lookup"), {"code": "000.22.27.H26-260302-9999", "phone": PHONE}
    )
    assert wrong_phone.status_code == unknown.status_code == 404
    assert NOT_FOUND in wrong_phone.content.decode()
    assert NOT_FOUND in unknown.content.decode()
    assert "Mới đăng ký" not in wrong_phone.content.decode()


def test_code_alone_prefills_without_showing_anything(client, world):
    dossier = online_dossier(world)
    response = client.get(reverse("portal:lookup"), {"code": dossier.code})
    page = response.content.decode()
    assert response.status_code == 200
    assert f'value="{dossier.code}"' in page
    assert "Mới đăng ký" not in page


@pytest.mark.parametrize(
    "params", [{"code": "A" * 41, "phone": PHONE}, {"code": "", "phone": PHONE}]
)
def test_bad_lookup_input_is_refused(client, world, params):
    response = client.get(reverse("portal:lookup"), params)
    assert response.status_code in (404, 422)


def test_a_lookup_storm_gets_429_in_vietnamese(client, world, settings):
    settings.PORTAL_LOOKUP_LIMIT = 5
    dossier = online_dossier(world)
    codes = [
        client.get(reverse("portal:lookup"), {"code": dossier.code, "phone": f"09000000{i:02d}"})
        for i in range(7)
    ]
    assert [r.status_code for r in codes] == [404] * 5 + [429] * 2
    assert "quá nhiều lần" in codes[-1].content.decode()
    assert codes[-1]["Retry-After"]
    right = client.get(reverse("portal:lookup"), {"code": dossier.code, "phone": PHONE})
    assert right.status_code == 429


def test_api_lookup_same_404_and_429(client, world, settings):
    settings.PORTAL_LOOKUP_LIMIT = 3
    dossier = dossier_in("received", world)
    ok = client.get("/api/v1/public/lookup", {"code": dossier.code, "phone": PHONE})
    assert ok.status_code == 200
    body = ok.json()
    assert body["status_code"] == 2
    assert body["status_label"] == "Được tiếp nhận"
    assert body["due_at"] is not None
    wrong = client.get("/api/v1/public/lookup", {"code": dossier.code, "phone": "0900000000"})
    unknown = client.get("/api/v1/public/lookup", {"code": "X", "phone": PHONE})
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()
    storm = client.get("/api/v1/public/lookup", {"code": dossier.code, "phone": PHONE})
    assert storm.status_code == 429
    assert "quá nhiều lần" in storm.json()["message"]


@pytest.mark.parametrize("params", [{}, {"code": "A" * 41, "phone": "1"}, {"code": "A"}])
def test_api_lookup_refuses_bad_input_with_422(client, world, params):
    response = client.get("/api/v1/public/lookup", params)
    assert response.status_code == 422
    assert response.json()["message"] == "Dữ liệu gửi lên không hợp lệ."


def test_supplement_request_shows_what_is_asked(client, world):
    dossier = dossier_in("supplement_requested_intake", world)
    response = client.get(reverse("portal:lookup"), {"code": dossier.code, "phone": PHONE})
    page = response.content.decode()
    assert "Hồ sơ cần bổ sung" in page
    assert "Bản vẽ thiết kế xây dựng" in page
    api = client.get("/api/v1/public/lookup", {"code": dossier.code, "phone": PHONE}).json()
    assert api["supplement_items"] == ["Bản vẽ thiết kế xây dựng"]


def test_paper_result_says_where_and_when_to_collect(client, world):
    dossier = dossier_in("resolved", world)
    page = client.get(reverse("portal:lookup"), {"code": dossier.code, "phone": PHONE})
    text = page.content.decode()
    assert "Nhận kết quả bản giấy tại Bộ phận Một cửa quận Nam Từ Liêm" in text
    assert "125/GPXD" in text


def test_summary_query_count_does_not_grow_with_history(world, django_assert_num_queries):
    short = online_dossier(world)
    long = dossier_in("returned", world)
    for dossier in (short, long):
        row = find_for_lookup(dossier.code, PHONE)
        # events and files: the row (with its rating) is not read again, payments not at all
        with django_assert_num_queries(2):
            summary = dossier_summary(row)
            assert summary.dossier.procedure_version.procedure.code
            assert summary.dossier.receiving_unit.name
        assert summary.steps


def test_the_lookup_reads_the_dossier_once_by_code_and_phone(world, django_assert_num_queries):
    dossier = dossier_in("processing", world)
    with django_assert_num_queries(1):
        found = find_for_lookup(dossier.code, "0912 345 678")
    assert found == dossier
    for code, phone in [(dossier.code, "0900000000"), ("000.22.27.H26-260302-9999", PHONE),
                        (dossier.code, " .- "), ("", PHONE)]:  # fmt: skip
        with pytest.raises(NotFound) as refused:
            find_for_lookup(code, phone)
        assert refused.value.code == "dossier_not_found"


@pytest.mark.parametrize("state", ["processing", "returned", "supplement_requested_intake"])
def test_the_api_lookup_answers_in_fixed_queries(client, world, state, settings):
    settings.PORTAL_LOOKUP_LIMIT = 1000
    dossier = dossier_in(state, world)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/public/lookup", {"code": dossier.code, "phone": PHONE})
    assert response.status_code == 200
    reads = [q["sql"] for q in queries.captured_queries if 'dossiers_dossier"' in q["sql"]]
    assert len([q for q in reads if q.lstrip().startswith('SELECT "dossiers_dossier"')]) == 1
    assert response.json()["steps"]
    # the dossier with its procedure, unit and rating; its steps; what is asked
    expected = 3 if state.startswith("supplement") else 2
    assert len(queries) == expected, [q["sql"][:80] for q in queries.captured_queries]


def test_withdrawn_dossier_shows_its_reason(client, world):
    dossier = online_dossier(world)
    services.withdraw_dossier(actor=world.citizen, dossier=dossier, reason="Không có nhu cầu nữa")
    page = client.get(reverse("portal:lookup"), {"code": dossier.code, "phone": PHONE})
    assert "Không có nhu cầu nữa" in page.content.decode()


def test_behind_a_trusted_proxy_the_lookup_limit_counts_each_citizen(client, settings):
    """Behind nginx every request comes from 127.0.0.1: the limit must follow X-Forwarded-For."""
    from motcua.portal.ratelimit import check_rate

    settings.SECURITY_TRUSTED_PROXIES = 1
    settings.PORTAL_LOOKUP_LIMIT = 2
    from django.test import RequestFactory

    factory = RequestFactory()
    for citizen in ("203.0.113.7", "203.0.113.8"):
        for _ in range(2):
            request = factory.get(
                "/tra-cuu/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=citizen
            )
            check_rate(request)  # two each: within the limit for each citizen
    from motcua.portal.ratelimit import TooManyRequests

    request = factory.get("/tra-cuu/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=citizen)
    with pytest.raises(TooManyRequests):
        check_rate(request)
