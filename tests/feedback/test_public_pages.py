"""Following by code and phone, supplements, public answers, search and votes."""

import pytest
from django.urls import reverse

from motcua.feedback import services
from motcua.feedback.selectors import feedback_dissatisfaction

from .conftest import at

pytestmark = pytest.mark.django_db


def published(
    staff, title="Cây đổ chắn đường", content="Cây xà cừ đổ chắn ngang đường Mễ Trì.", **extra
):
    feedback = services.send_feedback(
        name="Vũ Thị Hoa",
        phone="0977888999",
        title=title,
        content=content,
        unit_code="p-thu-vp",
        at=at(2026, 3, 2),
        **extra,
    )
    services.answer_feedback(
        actor=staff["vp_officer"],
        code=feedback.code,
        answer=f"Đã xử lý: {title}.",
        at=at(2026, 3, 3),
    )
    return services.publish_answer(actor=staff["vp_officer"], code=feedback.code)


def test_following_needs_the_right_phone(client, staff):
    feedback = published(staff)
    wrong = client.post(reverse("feedback:follow"), {"code": feedback.code, "phone": "0900000000"})
    assert wrong.status_code == 404
    assert "Không tìm thấy phản ánh với mã và số điện thoại này." in wrong.content.decode()
    assert client.get(reverse("feedback:follow_detail", args=[feedback.code])).status_code == 404
    right = client.post(
        reverse("feedback:follow"), {"code": feedback.code.lower(), "phone": "0977 888 999"}
    )
    assert right.status_code == 302
    page = client.get(right["Location"]).content.decode()
    assert "Đã xử lý: Cây đổ chắn đường." in page


def test_guessing_phones_is_slowed_down(client, staff):
    feedback = published(staff)
    for n in range(20):
        client.post(
            reverse("feedback:follow"), {"code": feedback.code, "phone": f"09000000{n:02d}"}
        )
    response = client.post(
        reverse("feedback:follow"), {"code": feedback.code, "phone": "0977888999"}
    )
    assert response.status_code == 429


def test_the_citizen_supplements_when_asked(client, staff):
    feedback = services.send_feedback(
        name="Đỗ Văn Giang",
        phone="0966111222",
        title="Hồ sơ chậm",
        content="Hồ sơ chậm trả.",
        unit_code="p-thu-vp",
    )
    services.request_supplement(
        actor=staff["vp_officer"], code=feedback.code, request="Cho biết mã hồ sơ."
    )
    client.post(reverse("feedback:follow"), {"code": feedback.code, "phone": "0966111222"})
    url = reverse("feedback:supplement", args=[feedback.code])
    empty = client.post(url, {"content": ""})
    assert empty.status_code == 400
    assert "Vui lòng nhập nội dung bổ sung." in empty.content.decode()
    assert client.post(url, {"content": "Mã hồ sơ 000.00.27.H26-260301-0003"}).status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == "processing"
    again = client.post(url, {"content": "Lần nữa"})
    assert again.status_code == 409


def test_published_answers_are_searchable_with_or_without_diacritics(client, staff):
    tree_fall = published(staff)
    other = published(staff, title="Ổ gà đường Lê Quang Đạo", content="Ổ gà sâu giữa đường.")
    for q in ("cây đổ", "cay do", "CAY DO"):
        page = client.get(reverse("feedback:index"), {"q": q}).content.decode()
        assert tree_fall.code in page and other.code not in page


def test_unpublished_feedback_is_not_public(client, staff):
    feedback = services.send_feedback(
        name="A", phone="0912000111", title="Riêng tư", content="Nội dung", unit_code="p-thu-vp"
    )
    assert client.get(reverse("feedback:answer", args=[feedback.code])).status_code == 404
    assert feedback.code not in client.get(reverse("feedback:index")).content.decode()


def test_the_public_answer_shows_no_phone_or_name(client, staff):
    feedback = published(staff)
    page = client.get(reverse("feedback:answer", args=[feedback.code])).content.decode()
    assert "0977888999" not in page and "Vũ Thị Hoa" not in page
    assert "Đã xử lý: Cây đổ chắn đường." in page


def test_one_vote_per_reader_and_a_change_of_mind_moves_it(client, staff):
    feedback = published(staff)
    url = reverse("feedback:vote", args=[feedback.code])
    client.post(url, {"liked": "1"})
    client.post(url, {"liked": "1"})
    feedback.refresh_from_db()
    assert (feedback.likes, feedback.dislikes) == (1, 0)
    client.post(url, {"liked": "0"})
    feedback.refresh_from_db()
    assert (feedback.likes, feedback.dislikes) == (0, 1)
    assert client.post(url, {"liked": "x"}).status_code == 400


def test_votes_on_unpublished_answers_are_refused(client, staff):
    feedback = services.send_feedback(
        name="A", phone="0912000111", title="Chưa trả lời", content="…", unit_code="p-thu-vp"
    )
    url = reverse("feedback:vote", args=[feedback.code])
    assert client.post(url, {"liked": "1"}).status_code == 404


def test_citizen_attachments_need_the_follow_session(client, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    feedback = services.send_feedback(
        name="A",
        phone="0912000111",
        title="Ảnh",
        content="…",
        unit_code="p-thu-vp",
        files=[SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n0000", "image/png")],
    )
    item = feedback.attachments.get()
    url = reverse("feedback:attachment", args=[feedback.code, item.pk])
    assert client.get(url).status_code == 404
    client.post(reverse("feedback:follow"), {"code": feedback.code, "phone": "0912000111"})
    assert client.get(url).status_code == 200


def test_dossier_feedback_counts_in_dissatisfaction_only_with_the_applicants_phone(staff):
    import datetime as dt

    from tests.dossiers.factories import PHONE, desk_dossier, local, make_world

    world = make_world()
    dossier = desk_dossier(world, at=local(2026, 3, 2, 9))
    units = {dossier.receiving_unit_id}
    stranger = services.send_feedback(
        name="Người lạ",
        phone="0900111222",
        title="Hồ sơ",
        content="…",
        dossier_code=dossier.code,
        at=at(2026, 3, 5),
    )
    assert stranger.dossier_id is None
    empty = feedback_dissatisfaction(units, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert empty.dossiers_with_feedback == 0
    own = services.send_feedback(
        name="Chủ hồ sơ",
        phone=PHONE,
        title="Hồ sơ chậm",
        content="…",
        dossier_code=dossier.code,
        at=at(2026, 3, 5),
    )
    assert own.dossier_id == dossier.pk and own.subject_kind == "dossier"
    counts = feedback_dissatisfaction(units, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert (counts.dossiers_with_feedback, counts.dossiers_unsatisfied) == (1, 1)
    assert feedback_dissatisfaction(units, dt.date(2026, 4, 1), dt.date(2026, 4, 30)) == (
        type(counts)(0, 0, 0)
    )
    assert (
        feedback_dissatisfaction(
            {-1}, dt.date(2026, 3, 1), dt.date(2026, 3, 31)
        ).dossiers_with_feedback
        == 0
    )
