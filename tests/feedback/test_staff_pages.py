"""Staff pages: the worklist, triage through the forms, the leaders' overdue page, statistics."""

import datetime as dt

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from motcua.feedback import services
from motcua.feedback.models import Feedback

from .conftest import at

pytestmark = pytest.mark.django_db


def make(unit="p-thu-vp", when=None, **extra):
    return services.send_feedback(
        name="Hoàng Văn Em",
        phone="0933444555",
        title="Nước thải tràn",
        content="Nước thải tràn ra đường.",
        unit_code=unit,
        at=when or at(2026, 3, 2),
        **extra,
    )


def test_the_worklist_shows_only_the_units_feedback(client, staff):
    mine, theirs = make(), make(unit="p-khac-ubnd")
    client.force_login(staff["vp_officer"])
    page = client.get(reverse("feedback_staff:list")).content.decode()
    assert mine.code in page and theirs.code not in page


def test_the_worklist_needs_sign_in(client, tree):
    response = client.get(reverse("feedback_staff:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("desk:login"))


def test_worklist_query_count_does_not_grow_with_rows(client, staff, django_assert_max_num_queries):
    for _ in range(12):
        make()
    client.force_login(staff["vp_officer"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("feedback_staff:list"))
    assert response.content.decode().count("PA-260302-") >= 12


def test_answering_through_the_page(client, staff):
    feedback = make()
    client.force_login(staff["vp_officer"])
    url = reverse("feedback_staff:act", args=[feedback.code, "tra-loi"])
    response = client.post(url, {"answer": "Đã xử lý xong."})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == "answered"


def test_an_empty_answer_through_the_page_is_a_400_with_the_message(client, staff):
    feedback = make()
    client.force_login(staff["vp_officer"])
    url = reverse("feedback_staff:act", args=[feedback.code, "tra-loi"])
    response = client.post(url, {"answer": ""})
    assert response.status_code == 400
    assert "Vui lòng nhập nội dung trả lời." in response.content.decode()


def test_another_units_staff_get_404_on_the_page_and_the_action(client, staff):
    feedback = make()
    client.force_login(staff["stranger"])
    assert client.get(reverse("feedback_staff:detail", args=[feedback.code])).status_code == 404
    url = reverse("feedback_staff:act", args=[feedback.code, "thu-ly"])
    assert client.post(url).status_code == 404
    feedback.refresh_from_db()
    assert feedback.status == "received"


def test_forward_without_a_unit_is_refused(client, staff):
    feedback = make()
    client.force_login(staff["vp_officer"])
    response = client.post(reverse("feedback_staff:act", args=[feedback.code, "chuyen"]), {})
    assert response.status_code == 400
    assert "Vui lòng chọn đơn vị nhận." in response.content.decode()


def test_overdue_feedback_shows_on_the_leaders_page_only(client, staff):
    late = make(when=at(2026, 1, 5))
    fresh = make(when=dt.datetime.now(tz=dt.UTC))
    client.force_login(staff["chairman"])
    page = client.get(reverse("feedback_staff:overdue")).content.decode()
    assert late.code in page and fresh.code not in page
    assert reverse("feedback_staff:overdue") in page
    client.force_login(staff["vp_officer"])
    assert client.get(reverse("feedback_staff:overdue")).status_code == 403
    # No link to a page that would refuse them.
    worklist = client.get(reverse("feedback_staff:list")).content.decode()
    assert reverse("feedback_staff:overdue") not in worklist


def test_statistics_count_on_time_late_and_overdue(client, staff):
    officer = staff["vp_officer"]
    on_time = make(when=at(2026, 3, 2))
    services.answer_feedback(actor=officer, code=on_time.code, answer="OK", at=at(2026, 3, 10))
    late = make(when=at(2026, 3, 2))
    services.answer_feedback(actor=officer, code=late.code, answer="Muộn", at=at(2026, 4, 1))
    make(when=at(2026, 3, 3))  # open, overdue by now
    client.force_login(staff["chairman"])
    page = client.get(reverse("feedback_staff:stats"), {"from": "2026-03-01", "to": "2026-03-31"})
    assert page.status_code == 200
    total = page.context["stats"].total
    assert (total.received, total.answered_on_time, total.answered_late, total.overdue) == (
        3,
        1,
        1,
        1,
    )
    assert total.on_time_rate == pytest.approx(33.33)
    assert "<svg" in page.content.decode()
    export = client.get(
        reverse("feedback_staff:stats_xlsx"), {"from": "2026-03-01", "to": "2026-03-31"}
    )
    sheet = load_workbook(__import__("io").BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2][0] == "Đơn vị"
    assert rows[-1][:2] == ("Tổng cộng", 3)


def test_statistics_refuse_a_reversed_period(client, staff):
    client.force_login(staff["chairman"])
    page = client.get(reverse("feedback_staff:stats"), {"from": "2026-03-31", "to": "2026-03-01"})
    assert page.status_code == 400
    assert "Khoảng thời gian không hợp lệ." in page.content.decode()


def test_staff_attachments_are_served_only_to_the_units_staff(client, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    feedback = make(files=[SimpleUploadedFile("a.pdf", b"%PDF-1.4 x", "application/pdf")])
    item = feedback.attachments.get()
    url = reverse("feedback_staff:attachment", args=[item.pk])
    client.force_login(staff["stranger"])
    assert client.get(url).status_code == 404
    client.force_login(staff["vp_officer"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert Feedback.objects.count() == 1


@pytest.mark.parametrize("rows", [1, 10, 40])
def test_statistics_and_overdue_pages_have_a_fixed_query_count(
    client, staff, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        make(when=at(2026, 1, 5))
    client.force_login(staff["chairman"])
    with django_assert_max_num_queries(12):
        page = client.get(
            reverse("feedback_staff:stats"), {"from": "2026-01-01", "to": "2026-01-31"}
        )
    assert page.context["stats"].total.received == rows
    with django_assert_max_num_queries(12):
        assert client.get(reverse("feedback_staff:overdue")).status_code == 200


@pytest.mark.parametrize(
    "period",
    [{"from": "0001-01-01", "to": "0001-12-31"}, {"from": "9999-01-01", "to": "9999-12-31"}],
)
def test_statistics_refuse_a_period_outside_the_service_years(client, staff, period):
    client.force_login(staff["chairman"])
    page = client.get(reverse("feedback_staff:stats"), period)
    assert page.status_code == 400
    assert "1900" in page.content.decode()
