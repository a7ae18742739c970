"""The desk pages: receiving at the desk, worklists, the dossier page and the leader's page."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from motcua.dossiers.models import Dossier, DossierEvent
from motcua.portal.models import DossierFile
from tests.dossiers.factories import desk_dossier, dossier_in, local, required_part_ids
from tests.factories import UserFactory
from tests.portal.helpers import apply_steps

pytestmark = pytest.mark.django_db


def receive_form(world, **overrides):
    return {
        "procedure": world.version.procedure.code,
        "unit": world.desk.code,
        "channel": "1",
        "applicant_name": "Lê Văn Tám",
        "applicant_id_number": "001090001234",
        "applicant_phone": "0904 123 456",
        "applicant_email": "",
        "applicant_address": "Tổ dân phố 5, phường Từ Liêm",
        "parts": [str(pk) for pk in required_part_ids(world)],
        "note": "",
        "extra_items": "",
        "reason": "",
        "intent": "receive",
        **overrides,
    }


# --- receiving --------------------------------------------------------------------------------


def test_a_complete_dossier_is_received_with_its_appointment_and_receipt_link(client, world):
    client.force_login(world.officer)
    response = client.post("/can-bo/tiep-nhan/", receive_form(world), follow=True)
    dossier = Dossier.objects.get()
    assert dossier.status == "received" and dossier.channel == 1
    assert dossier.applicant_phone == "0904123456"
    html = response.content.decode()
    assert f"Đã tiếp nhận hồ sơ {dossier.code}. Hẹn trả kết quả:" in html
    assert f"/can-bo/ho-so/{dossier.code}/phieu/receipt.pdf" in html
    slip = client.get(f"/can-bo/ho-so/{dossier.code}/phieu/receipt.pdf")
    assert slip["Content-Type"] == "application/pdf" and slip.content.startswith(b"%PDF")


def test_sending_the_receive_form_twice_files_one_dossier(client, world):
    client.force_login(world.officer)
    page = client.get("/can-bo/tiep-nhan/", {"procedure": world.version.procedure.code})
    token = page.context["submission"]
    assert f'name="submission" value="{token}"' in page.content.decode()
    refused = client.post("/can-bo/tiep-nhan/", receive_form(world, submission=token, parts=[]))
    assert refused.status_code == 422 and refused.context["submission"] == token
    first = client.post("/can-bo/tiep-nhan/", receive_form(world, submission=token))
    again = client.post("/can-bo/tiep-nhan/", receive_form(world, submission=token), follow=True)
    dossier = Dossier.objects.get()
    assert first["Location"] == again.redirect_chain[0][0] == f"/can-bo/ho-so/{dossier.code}/"
    shown = [str(m) for m in get_messages(again.wsgi_request)]
    assert any(f"hồ sơ {dossier.code} đã được lập; không lập thêm hồ sơ" in m for m in shown)
    client.post("/can-bo/tiep-nhan/", receive_form(world))  # a new form, a new dossier
    assert Dossier.objects.count() == 2


def test_the_receive_page_in_english_counts_copies_in_the_singular_and_plural(
    client, world, settings
):
    first, second = world.parts[0], world.parts[1]
    type(first).objects.filter(pk=first.pk).update(copies=1)
    type(second).objects.filter(pk=second.pk).update(copies=2)
    client.force_login(world.officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/can-bo/tiep-nhan/", {"procedure": world.version.procedure.code})
    html = page.content.decode()
    assert "1 copy)" in html and "2 copies)" in html and "1 copies" not in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    html = client.get("/can-bo/tiep-nhan/", {"procedure": world.version.procedure.code})
    assert "1 bản)" in html.content.decode()


def test_receiving_an_incomplete_dossier_names_the_missing_parts_and_writes_nothing(client, world):
    client.force_login(world.officer)
    form = receive_form(world, parts=[str(world.parts[0].pk)])
    response = client.post("/can-bo/tiep-nhan/", form)
    assert response.status_code == 422
    assert "Bản vẽ thiết kế xây dựng" in response.content.decode()
    assert not Dossier.objects.exists()


def test_an_incomplete_dossier_gets_a_supplement_request_listing_every_missing_part(client, world):
    client.force_login(world.officer)
    form = receive_form(
        world, parts=[str(world.parts[0].pk)], intent="supplement", extra_items="Ảnh hiện trạng"
    )
    response = client.post("/can-bo/tiep-nhan/", form)
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert dossier.status == "supplement_requested"
    assert dossier.supplements.get().items == ["Bản vẽ thiết kế xây dựng", "Ảnh hiện trạng"]
    page = client.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    assert "phieu/supplement-request.pdf" in page


def test_a_refusal_needs_a_reason_and_leaves_nothing_behind_without_one(client, world):
    client.force_login(world.officer)
    response = client.post("/can-bo/tiep-nhan/", receive_form(world, intent="refuse"))
    assert response.status_code == 422
    assert "Phải nêu lý do từ chối tiếp nhận" in response.content.decode()
    assert not Dossier.objects.exists() and not DossierEvent.objects.exists()
    client.post("/can-bo/tiep-nhan/", receive_form(world, intent="refuse", reason="Sai thẩm quyền"))
    assert Dossier.objects.get().status == "refused"


@pytest.mark.parametrize(
    "change",
    [
        {"applicant_name": ""},
        {"applicant_name": "A" * 300},
        {"applicant_phone": "gọi tôi"},
        {"unit": "tl-mot-cua"},
        {"channel": "2"},
        {"parts": ["abc"]},
        {"intent": "xoa"},
        {"procedure": "9.999999"},
    ],
)
def test_bad_receive_input_comes_back_as_a_422_in_vietnamese(client, world, change):
    client.force_login(world.officer)
    response = client.post("/can-bo/tiep-nhan/", receive_form(world, **change))
    assert response.status_code == 422
    assert 'role="alert"' in response.content.decode()
    assert not Dossier.objects.exists()


def test_procedures_are_suggested_without_diacritics(client, world):
    client.force_login(world.officer)
    response = client.get("/can-bo/tiep-nhan/thu-tuc/", {"q": "CAP GIAY PHEP xay dung"})
    html = response.content.decode()
    assert "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ" in html
    assert "?procedure=1.009994" in html
    assert 'id="suggestions"' in html and "<html" not in html


def test_the_completeness_box_follows_the_ticked_parts(client, world):
    client.force_login(world.officer)
    complete = client.post("/can-bo/tiep-nhan/kiem-tra/", receive_form(world)).content.decode()
    assert "Hồ sơ đầy đủ thành phần bắt buộc" in complete
    partial = client.post("/can-bo/tiep-nhan/kiem-tra/", receive_form(world, parts=[]))
    assert "Bản vẽ thiết kế xây dựng" in partial.content.decode()


def test_only_one_stop_officers_open_the_receive_page(client, world):
    assert client.get("/can-bo/tiep-nhan/").status_code == 302
    client.force_login(world.specialist)
    assert client.get("/can-bo/tiep-nhan/").status_code == 403
    assert client.post("/can-bo/tiep-nhan/", receive_form(world)).status_code == 403
    assert not Dossier.objects.exists()


# --- worklists --------------------------------------------------------------------------------

# session, user, the filter's fields, memberships, count, the rows, their units; the calendar
# (2 more) only for a row due more than 8 hours ahead: these are all overdue
WORKLIST_QUERIES = 7


@pytest.mark.parametrize("rows", [1, 5, 50])
@pytest.mark.parametrize("tab", ["tat-ca", "cho-phan-cong", "cho-tra"])
def test_the_worklist_query_count_is_fixed(client, world, rows, tab, django_assert_num_queries):
    for _i in range(rows):
        desk_dossier(world)
    client.force_login(world.officer)
    # nothing waits to be returned: the count says 0, so neither rows nor units are read
    expected = WORKLIST_QUERIES - 2 if tab == "cho-tra" else WORKLIST_QUERIES
    with django_assert_num_queries(expected):
        response = client.get("/can-bo/ho-so/", {"tab": tab})
    shown = 0 if tab == "cho-tra" else rows
    assert response.content.decode().count("/can-bo/ho-so/000.22.27.H26-") == shown


def test_the_worklist_counts_up_to_a_cap(client, world, monkeypatch):
    from motcua.desk import worklists

    for _i in range(4):
        desk_dossier(world)
    client.force_login(world.officer)
    monkeypatch.setattr(worklists, "COUNT_CAP", 3)
    monkeypatch.setattr(worklists, "PAGE_SIZE", 2)
    capped = client.get("/can-bo/ho-so/").content.decode()
    assert "Hơn 3 hồ sơ: hãy lọc để thu hẹp danh sách" in capped
    assert "Trang 1/2" in capped
    assert client.get("/can-bo/ho-so/", {"page": "2"}).status_code == 200
    monkeypatch.setattr(worklists, "COUNT_CAP", 4)
    exact = client.get("/can-bo/ho-so/").content.decode()
    assert "4 hồ sơ" in exact and "Hơn" not in exact


def test_tabs_sort_by_due_and_flag_overdue_dossiers(client, world):
    later = desk_dossier(world, at=local(2026, 3, 5, 9))
    earlier = desk_dossier(world, at=local(2026, 3, 2, 9))
    client.force_login(world.officer)
    html = client.get("/can-bo/ho-so/", {"tab": "cho-phan-cong"}).content.decode()
    assert html.index(earlier.code) < html.index(later.code)
    assert "Quá hạn" in html
    assert later.code not in client.get("/can-bo/ho-so/", {"tab": "cho-tra"}).content.decode()


def test_the_worklist_filters_and_searches(client, world):
    dossier = desk_dossier(world)
    client.force_login(world.officer)
    found = client.get("/can-bo/ho-so/", {"q": "nguyen thi hong"}).content.decode()
    assert dossier.code in found
    assert dossier.code not in client.get("/can-bo/ho-so/", {"channel": "2"}).content.decode()
    assert dossier.code not in client.get("/can-bo/ho-so/", {"q": "0000000"}).content.decode()
    bad = client.get("/can-bo/ho-so/", {"date_from": "2026-04-01", "date_to": "2026-03-01"})
    assert bad.status_code == 422
    assert client.get("/can-bo/ho-so/", {"page": "x\x00", "channel": "mot"}).status_code in (
        200,
        422,
    )


def test_my_tab_holds_what_is_assigned_to_me(client, world):
    dossier = dossier_in("processing", world)
    client.force_login(world.leader)
    client.post(f"/can-bo/ho-so/{dossier.code}/thao-tac/assign/", {"assignee": "specialist"})
    client.force_login(world.specialist)
    assert dossier.code in client.get("/can-bo/ho-so/", {"tab": "cua-toi"}).content.decode()


# --- the dossier page -------------------------------------------------------------------------


def test_the_dossier_page_shows_exactly_the_users_actions(client, world):
    dossier = dossier_in("processing", world)
    client.force_login(world.specialist)
    html = client.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    assert f"/can-bo/ho-so/{dossier.code}/thao-tac/hand_over/" in html
    assert f"/can-bo/ho-so/{dossier.code}/thao-tac/request_supplement/" in html
    assert "thao-tac/resolve/" not in html and "thao-tac/return_result/" not in html
    assert "Nguyễn Thị Hồng Nhung" in html and "Thẩm định hồ sơ" in html


def test_the_assignee_list_is_sorted_by_given_name_as_in_vietnamese(client, world):
    from motcua.organization.models import Role
    from tests.dossiers.factories import member

    people = [
        ("a.binh", "Lê", "Thị Bình"),
        ("z.an", "Nguyễn", "Văn An"),
        ("m.duc", "Trần", "Minh Đức"),
        ("b.chi", "Đỗ", "Thị Chi"),
    ]
    for username, last, first in people:
        user = UserFactory(username=username, last_name=last, first_name=first)
        member(user, world.department, Role.SPECIALIST)
    dossier = desk_dossier(world)
    client.force_login(world.officer)
    html = client.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    names = ["Nguyễn Văn An", "Lê Thị Bình", "Đỗ Thị Chi", "Trần Minh Đức"]
    positions = [html.index(f"{name} — Chuyên viên") for name in names]
    assert positions == sorted(positions)


def test_an_action_posts_to_the_service_and_records_a_history_row(client, world):
    dossier = dossier_in("processing", world)
    client.force_login(world.specialist)
    response = client.post(
        f"/can-bo/ho-so/{dossier.code}/thao-tac/hand_over/", {"note": "Đủ điều kiện"}, follow=True
    )
    assert "Đã chuyển bước xử lý" in next(str(m) for m in get_messages(response.wsgi_request))
    assert dossier.events.latest("seq").action == "hand_over"
    assert "Đủ điều kiện" in response.content.decode()


def test_a_refused_action_is_shown_in_vietnamese_and_writes_nothing(client, world):
    dossier = dossier_in("processing", world)
    events = DossierEvent.objects.count()
    client.force_login(world.specialist)
    wrong_role = client.post(f"/can-bo/ho-so/{dossier.code}/thao-tac/resolve/", {"granted": "1"})
    assert wrong_role.status_code == 403
    assert "Bạn không có quyền ban hành kết quả" in wrong_role.content.decode()
    client.force_login(world.leader)
    no_reason = client.post(f"/can-bo/ho-so/{dossier.code}/thao-tac/stop/", {"reason": ""})
    assert no_reason.status_code == 422
    bad_amount = client.post(
        f"/can-bo/ho-so/{dossier.code}/thao-tac/request_payment/", {"amount": "nhiều"}
    )
    assert bad_amount.status_code == 422
    unknown = client.post(f"/can-bo/ho-so/{dossier.code}/thao-tac/xoa-ho-so/", {})
    assert unknown.status_code == 404
    assert DossierEvent.objects.count() == events


def test_the_officer_opens_the_files_a_citizen_uploaded_online(client, world):
    apply_steps(Client(), world)
    dossier = Dossier.objects.get()
    upload = DossierFile.objects.filter(dossier=dossier).order_by("part__order").first()
    client.force_login(world.officer)
    html = client.get(f"/can-bo/ho-so/{dossier.code}/").content.decode()
    link = f'href="/tra-cuu/{dossier.code}/tep/{upload.pk}/"'
    assert link in html and upload.original_name in html
    assert upload.path not in html  # the storage path is no use to a person
    opened = client.get(f"/tra-cuu/{dossier.code}/tep/{upload.pk}/")
    assert opened.status_code == 200 and b"".join(opened.streaming_content).startswith(b"%PDF")


def test_a_slip_not_yet_issued_is_a_vietnamese_404(client, world):
    dossier = desk_dossier(world)
    client.force_login(world.officer)
    response = client.get(f"/can-bo/ho-so/{dossier.code}/phieu/refusal.pdf")
    assert response.status_code == 404
    assert "Chưa có phiếu này" in response.content.decode()


# --- the leader's page ------------------------------------------------------------------------


def test_the_leader_sees_overdue_dossiers_of_their_units(client, world):
    dossier = dossier_in("processing", world)  # due in March 2026, now past
    client.force_login(world.leader)
    html = client.get("/can-bo/lanh-dao/").content.decode()
    assert dossier.code in html and "Quá hạn" in html
    client.force_login(world.specialist)
    assert client.get("/can-bo/lanh-dao/").status_code == 403


def test_the_desk_home_links_the_pages_by_role(client, world):
    client.force_login(world.officer)
    html = client.get("/can-bo/").content.decode()
    assert "/can-bo/ho-so/" in html and "/can-bo/tiep-nhan/" in html
    assert "/can-bo/lanh-dao/" not in html
    client.force_login(world.leader)
    assert "/can-bo/lanh-dao/" in client.get("/can-bo/").content.decode()


def test_accounts_that_are_not_staff_are_refused(client, world):
    dossier = desk_dossier(world)
    citizen = UserFactory(username="congdan", is_staff=False)
    client.force_login(citizen)
    assert client.get("/can-bo/ho-so/").status_code == 403
    assert client.get(f"/can-bo/ho-so/{dossier.code}/").status_code == 403


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "0001-01-01"},
        {"date_to": "9999-12-31"},
        {"date_from": "1899-12-31", "date_to": "3000-01-01"},
    ],
)
def test_dates_outside_the_service_years_are_refused_not_crashed(client, world, params):
    client.force_login(world.officer)
    response = client.get("/can-bo/ho-so/", params)
    assert response.status_code == 422
    assert "1900" in response.content.decode()
