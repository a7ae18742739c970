import pytest
from django.test import Client

from motcua.organization.models import ApiToken
from motcua.security.models import AuditAction, AuditEntry
from tests.security.conftest import PASSWORD, code_for, enrolled_device, sign_in

pytestmark = pytest.mark.django_db


def _token_request(client, username, password=PASSWORD):
    return client.post(
        "/api/v1/auth/token",
        {"username": username, "password": password},
        content_type="application/json",
    )


def test_a_user_without_2fa_still_gets_a_token_with_the_password(client, specialist):
    response = _token_request(client, specialist.username)
    assert response.status_code == 200
    token = response.json()["token"]
    assert (
        client.get("/api/v1/dossiers", headers={"Authorization": f"Bearer {token}"}).status_code
        == 200
    )


def test_a_2fa_user_is_told_in_vietnamese_to_use_the_profile(client, specialist):
    enrolled_device(specialist)
    response = _token_request(client, specialist.username)
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "second_factor_required"
    assert "xác thực hai lớp" in body["message"] and "/can-bo/bao-mat/" in body["message"]
    assert not ApiToken.objects.filter(user=specialist).exists()


def test_a_wrong_password_does_not_reveal_that_an_account_uses_2fa(client, specialist):
    enrolled_device(specialist)
    response = _token_request(client, specialist.username, "sai-mat-khau")
    assert response.status_code == 401
    assert response.json()["code"] == "bad_credentials"


def test_a_role_that_requires_2fa_refuses_the_password_route_even_before_enrolment(
    client, officer, officers_need_2fa
):
    assert _token_request(client, officer.username).status_code == 403


def test_the_profile_creates_a_token_shown_once_that_works_as_a_bearer(client, specialist):
    device = enrolled_device(specialist)
    sign_in(client, specialist.username)
    client.post("/can-bo/bao-mat/xac-thuc/", {"code": code_for(device)})
    created = client.post("/can-bo/bao-mat/khoa-truy-cap/", {"name": "Kết nối phòng", "days": 7})
    assert created["Location"] == "/can-bo/bao-mat/"
    page = client.get("/can-bo/bao-mat/").content.decode()
    raw = page.split('id="new-token">')[1].split("<")[0]
    assert raw.startswith("mc_")
    assert raw not in client.get("/can-bo/bao-mat/").content.decode()  # shown once
    headers = {"Authorization": f"Bearer {raw}"}
    outside = Client()  # an integration, without the browser's session
    assert outside.get("/api/v1/dossiers", headers=headers).status_code == 200
    token = ApiToken.objects.get(user=specialist)
    assert token.name == "Kết nối phòng"
    assert round((token.expires_at - token.created_at).total_seconds() / 86400) == 7
    assert AuditEntry.objects.filter(action=AuditAction.TOKEN_CREATED, actor=specialist).exists()

    client.post(f"/can-bo/bao-mat/khoa-truy-cap/{token.pk}/thu-hoi/")
    assert outside.get("/api/v1/dossiers", headers=headers).status_code == 401
    assert AuditEntry.objects.filter(action=AuditAction.TOKEN_REVOKED, actor=specialist).exists()


def test_the_profile_refuses_a_lifetime_not_offered(client, specialist):
    sign_in(client, specialist.username)
    client.post("/can-bo/bao-mat/khoa-truy-cap/", {"name": "x", "days": 3650})
    assert not ApiToken.objects.filter(user=specialist).exists()


def test_nobody_revokes_someone_elses_token(client, specialist, officer):
    from motcua.security.tokens import create_profile_token

    _raw, token = create_profile_token(actor=officer, name="", days=1)
    sign_in(client, specialist.username)
    client.post(f"/can-bo/bao-mat/khoa-truy-cap/{token.pk}/thu-hoi/")
    token.refresh_from_db()
    assert token.revoked_at is None


def test_an_unverified_2fa_session_cannot_create_tokens(client, specialist):
    enrolled_device(specialist)
    sign_in(client, specialist.username)
    response = client.post("/can-bo/bao-mat/khoa-truy-cap/", {"name": "x", "days": 1})
    assert response["Location"].startswith("/can-bo/bao-mat/xac-thuc/")
    assert not ApiToken.objects.filter(user=specialist).exists()
