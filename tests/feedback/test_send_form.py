"""The public form: captcha, validation, attachments and flood control; a refusal is a
Vietnamese message with a 4xx and nothing is stored."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from motcua.feedback.models import CaptchaChallenge, Feedback, FeedbackAttachment

from .conftest import solve

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def fresh_token(client) -> str:
    page = client.get(reverse("feedback:send")).content.decode()
    return re.search(r'name="captcha_token" value="([^"]+)"', page).group(1)


def post(client, *, token=None, answer=None, files=(), **fields):
    token = token or fresh_token(client)
    data = {
        "name": "Nguyễn Văn An",
        "phone": "0912 345 678",
        "title": "Đèn đường ngõ 5 không sáng",
        "content": "Đèn đường ngõ 5 phố Hồ Tùng Mậu không sáng từ tuần trước.",
        "captcha_token": token,
        "captcha": solve(token) if answer is None else answer,
        "allow_publish": "1",
        **fields,
    }
    if files:
        data["files"] = list(files)
    return client.post(reverse("feedback:send"), data)


def test_the_form_shows_an_image_and_a_spoken_question(client, tree):
    page = client.get(reverse("feedback:send"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Phép tính:" in html and "bằng bao nhiêu" in html
    token = re.search(r'name="captcha_token" value="([^"]+)"', html).group(1)
    image = client.get(reverse("feedback:captcha", args=[token]))
    assert image["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in image.content and b"<script" not in image.content


def test_a_valid_feedback_is_stored_routed_and_followable(client, tree):
    response = post(client, unit="p-thu-vp")
    feedback = Feedback.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:follow_detail", args=[feedback.code])
    assert re.match(r"^PA-\d{6}-0001$", feedback.code)
    assert feedback.unit.code == "p-thu-vp"
    assert feedback.phone == "0912345678"
    assert feedback.status == "received"
    assert feedback.events.get().action == "send"
    page = client.get(response["Location"])
    assert feedback.code in page.content.decode()


def test_text_is_nfc_normalised_and_never_rendered_unescaped(client, tree):
    decomposed = "Nguye\u0302\u0303n"  # "Nguyễn" written with combining marks
    post(client, name=decomposed, title="<script>alert(1)</script> Tiêu đề")
    feedback = Feedback.objects.get()
    assert feedback.name == "Nguyễn"
    page = client.get(reverse("feedback:follow_detail", args=[feedback.code])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "Vui lòng nhập họ tên."),
        ({"title": "   "}, "Vui lòng nhập tiêu đề."),
        ({"content": ""}, "Vui lòng nhập nội dung."),
        ({"content": "x" * 20_000}, "Nội dung dài quá 10000 ký tự."),
        ({"title": "x" * 201}, "Tiêu đề dài quá 200 ký tự."),
        ({"phone": "abc"}, "Số điện thoại không hợp lệ"),
        ({"email": "khong-phai-email"}, "Địa chỉ thư điện tử không hợp lệ."),
        ({"unit": "khong-ton-tai"}, "Không tìm thấy cơ quan, đơn vị đã chọn."),
        ({"procedure": "9.999999"}, "Không tìm thấy thủ tục có mã này."),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_stored(client, tree, fields, message):
    response = post(client, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Feedback.objects.count() == 0


def test_a_wrong_captcha_answer_is_refused(client, tree):
    response = post(client, answer="999")
    assert response.status_code == 400
    assert "Mã xác nhận không đúng" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_a_captcha_token_cannot_be_replayed(client, tree):
    token = fresh_token(client)
    assert post(client, token=token).status_code == 302
    again = post(client, token=token, answer=solve(token), title="Lần hai")
    assert again.status_code == 400
    assert Feedback.objects.count() == 1


def test_a_wrong_answer_also_uses_up_the_token(client, tree):
    token = fresh_token(client)
    post(client, token=token, answer="999")
    assert post(client, token=token, answer=solve(token)).status_code == 400
    assert Feedback.objects.count() == 0


def test_a_forged_or_expired_token_is_refused(client, tree):
    assert post(client, token="123:forged", answer="1").status_code == 400
    token = fresh_token(client)
    CaptchaChallenge.objects.update(expires_at="2000-01-01T00:00:00Z")
    assert post(client, token=token, answer=solve(token)).status_code == 400
    assert Feedback.objects.count() == 0


def test_the_answer_may_be_typed_in_words(client, tree):
    from motcua.feedback.captcha import number_words

    token = fresh_token(client)
    words = number_words(int(solve(token))).upper()
    assert post(client, token=token, answer=words).status_code == 302


def test_pdf_and_png_attachments_are_kept_with_safe_names(client, tree, settings):
    response = post(
        client,
        files=[
            SimpleUploadedFile("../../Đơn khiếu nại.PDF", PDF, "application/pdf"),
            SimpleUploadedFile("ảnh hiện trường.png", PNG, "image/png"),
        ],
    )
    assert response.status_code == 302
    names = sorted(FeedbackAttachment.objects.values_list("name", flat=True))
    assert names == ["anh-hien-truong.png", "don-khieu-nai.pdf"]
    for item in FeedbackAttachment.objects.all():
        stored = settings.MEDIA_ROOT / item.path
        assert stored.is_file() and stored.is_relative_to(settings.MEDIA_ROOT / "feedback")


def test_an_exe_renamed_pdf_is_refused(client, tree, settings):
    fake = SimpleUploadedFile("don.pdf", b"MZ\x90\x00" + b"\x00" * 100, "application/pdf")
    response = post(client, files=[fake])
    assert response.status_code == 400
    assert "không phải PDF, JPEG hoặc PNG" in response.content.decode()
    assert Feedback.objects.count() == 0
    assert not (settings.MEDIA_ROOT / "feedback").exists()


def test_an_oversized_file_is_refused(client, tree):
    big = SimpleUploadedFile("lon.pdf", PDF + b"0" * (5 * 1024 * 1024), "application/pdf")
    response = post(client, files=[big])
    assert response.status_code == 400
    assert "vượt quá dung lượng cho phép" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_more_than_three_files_are_refused(client, tree):
    files = [SimpleUploadedFile(f"{n}.pdf", PDF, "application/pdf") for n in range(4)]
    response = post(client, files=files)
    assert response.status_code == 400
    assert "tối đa 3 tệp" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_a_flood_from_one_address_gets_429(client, tree):
    statuses = [post(client, answer="999").status_code for _ in range(10)]
    assert set(statuses) == {400}
    token = fresh_token(client)
    response = post(client, token=token, answer=solve(token))
    assert response.status_code == 429
    assert "Bạn đã gửi quá nhiều yêu cầu" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_another_address_is_not_slowed_by_the_flood(client, tree):
    for _ in range(11):
        post(client, answer="999")
    token = fresh_token(client)
    other = client.post(
        reverse("feedback:send"),
        {
            "name": "Lê C",
            "phone": "0901234567",
            "title": "Tiêu đề",
            "content": "Nội dung",
            "captcha_token": token,
            "captcha": solve(token),
        },
        REMOTE_ADDR="10.0.0.9",
    )
    assert other.status_code == 302


def test_showing_the_form_over_and_over_is_slowed_down(client, tree):
    statuses = [client.get(reverse("feedback:send")).status_code for _ in range(61)]
    assert statuses[:60] == [200] * 60
    assert statuses[60] == 429
    assert CaptchaChallenge.objects.count() == 60
