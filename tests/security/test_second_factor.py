import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from motcua.security.models import AuditAction, AuditEntry
from tests.security.conftest import code_for, enrolled_device, sign_in

pytestmark = pytest.mark.django_db


def test_without_a_policy_a_password_is_enough(client, officer):
    response = sign_in(client, officer.username)
    assert response.status_code == 302
    assert client.get("/can-bo/").status_code == 200


def test_a_required_role_without_a_device_is_sent_to_enrolment_before_any_desk_page(
    client, officer, officers_need_2fa
):
    sign_in(client, officer.username)
    for path in ["/can-bo/", "/can-bo/ho-so/", "/can-bo/tiep-nhan/", "/can-bo/phan-anh/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/can-bo/bao-mat/dang-ky-xac-thuc/?next=")


def test_a_role_that_does_not_require_2fa_is_not_asked(client, specialist, officers_need_2fa):
    sign_in(client, specialist.username)
    assert client.get("/can-bo/").status_code == 200


def test_a_policy_reaches_sessions_already_open(client, officer, settings):
    from motcua.organization.models import Role
    from motcua.security.models import RoleSecurityPolicy
    from motcua.security.policy import SEEN_KEY

    sign_in(client, officer.username)
    assert client.get("/can-bo/").status_code == 200
    RoleSecurityPolicy.objects.create(role=Role.ONE_STOP_OFFICER, require_2fa=True)
    session = client.session
    session[SEEN_KEY] -= 120  # the activity clock is due for its refresh
    session.save()
    assert client.get("/can-bo/")["Location"].startswith("/can-bo/bao-mat/dang-ky-xac-thuc/")


def test_enrolment_shows_a_qr_code_and_the_secret_and_confirms_with_a_code(
    client, officer, officers_need_2fa
):
    sign_in(client, officer.username)
    page = client.get("/can-bo/bao-mat/dang-ky-xac-thuc/?next=/can-bo/ho-so/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "Khóa bí mật" in html
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    assert device.config_url.startswith("otpauth://totp/")
    secret = html.split('id="otp-secret">')[1].split("<")[0].replace(" ", "")
    assert len(secret) == 32

    wrong = client.post(
        "/can-bo/bao-mat/dang-ky-xac-thuc/", {"code": "000000", "next": "/can-bo/ho-so/"}
    )
    assert wrong.status_code == 422
    assert "Mã xác thực không đúng" in wrong.content.decode()
    assert client.get("/can-bo/").status_code == 302

    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    done = client.post(
        "/can-bo/bao-mat/dang-ky-xac-thuc/", {"code": code_for(device), "next": "/can-bo/ho-so/"}
    )
    assert done.status_code == 302 and done["Location"] == "/can-bo/ho-so/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/can-bo/").status_code == 200
    assert AuditEntry.objects.filter(action=AuditAction.OTP_ENROLLED, actor=officer).count() == 1


def test_an_enrolled_user_types_a_code_after_the_password(client, specialist):
    device = enrolled_device(specialist)  # optional 2FA: enrolled by choice
    sign_in(client, specialist.username)
    response = client.get("/can-bo/ho-so/")
    assert response["Location"] == "/can-bo/bao-mat/xac-thuc/?next=%2Fcan-bo%2Fho-so%2F"

    wrong = client.post("/can-bo/bao-mat/xac-thuc/", {"code": "12345", "next": "/can-bo/ho-so/"})
    assert wrong.status_code == 422
    assert "6 chữ số" in wrong.content.decode()
    bad = client.post(
        "/can-bo/bao-mat/xac-thuc/",
        {"code": code_for(device, steps_ahead=7), "next": "/can-bo/ho-so/"},
    )
    assert bad.status_code == 422
    assert client.get("/can-bo/").status_code == 302
    assert AuditEntry.objects.filter(action=AuditAction.OTP_FAILED, actor=specialist).exists()

    # The failure throttles the device for a moment; let that pass.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    ok = client.post(
        "/can-bo/bao-mat/xac-thuc/", {"code": code_for(device), "next": "/can-bo/ho-so/"}
    )
    assert ok["Location"] == "/can-bo/ho-so/"
    assert client.get("/can-bo/ho-so/").status_code == 200
    assert AuditEntry.objects.filter(action=AuditAction.OTP_VERIFIED, actor=specialist).exists()


def test_the_verification_refuses_an_offsite_next(client, specialist):
    device = enrolled_device(specialist)
    sign_in(client, specialist.username)
    ok = client.post(
        "/can-bo/bao-mat/xac-thuc/", {"code": code_for(device), "next": "https://evil.example/"}
    )
    assert ok["Location"] == "/can-bo/"


def test_the_admin_needs_a_verified_session_too(client, officers_need_2fa):
    from tests.factories import MembershipFactory

    admin = MembershipFactory(
        user__username="quantri", user__is_superuser=True, role="one_stop_officer"
    ).user
    enrolled_device(admin)
    client.post("/quan-tri/login/", {"username": "quantri", "password": "matkhau-thu-nghiem-2026"})
    response = client.get("/quan-tri/")
    assert response.status_code == 302
    assert response["Location"].startswith("/can-bo/bao-mat/xac-thuc/?next=%2Fquan-tri%2F")


def test_superusers_can_be_required_by_setting(client, settings):
    from tests.factories import UserFactory

    settings.SECURITY_2FA_SUPERUSERS = True
    UserFactory(username="root", is_superuser=True)
    sign_in(client, "root")
    assert client.get("/quan-tri/")["Location"].startswith("/can-bo/bao-mat/dang-ky-xac-thuc/")


def test_an_unverified_session_is_not_a_staff_session_for_the_api(client, specialist):
    enrolled_device(specialist)
    sign_in(client, specialist.username)
    response = client.get("/api/v1/dossiers")
    assert response.status_code == 401


def test_a_verified_session_reaches_the_api(client, specialist):
    device = enrolled_device(specialist)
    sign_in(client, specialist.username)
    client.post("/can-bo/bao-mat/xac-thuc/", {"code": code_for(device)})
    assert client.get("/api/v1/dossiers").status_code == 200


def test_replacing_a_device_needs_the_current_one(client, specialist):
    enrolled_device(specialist)
    sign_in(client, specialist.username)
    response = client.get("/can-bo/bao-mat/dang-ky-xac-thuc/")
    assert response["Location"].startswith("/can-bo/bao-mat/xac-thuc/")


def test_an_api_post_without_credentials_is_told_to_sign_in(specialist):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/api/v1/dossiers", {}, content_type="application/json")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert response.json()["message"] == "Bạn cần đăng nhập."


def test_an_api_post_from_a_session_without_its_csrf_token_is_refused_in_vietnamese(specialist):
    from django.test import Client

    from motcua.dossiers.models import Dossier

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(specialist)
    response = browser.post("/api/v1/dossiers", {}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    assert "mã chống giả mạo (CSRF)" in response.json()["message"]
    assert not Dossier.objects.exists()
