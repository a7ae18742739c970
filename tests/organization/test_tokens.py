import datetime as dt

import pytest
from django.utils import timezone

from motcua.organization.models import ApiToken
from motcua.organization.tokens import user_for_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "matkhau-thu-nghiem-2026"


def test_staff_gets_a_token_and_only_its_hash_is_stored(client):
    user = UserFactory(username="motcua.tuliem")
    response = client.post(
        "/api/v1/auth/token",
        {"username": "motcua.tuliem", "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200
    raw = response.json()["token"]
    assert raw.startswith("mc_")
    stored = ApiToken.objects.get(user=user)
    assert raw not in (stored.key_hash, stored.prefix)
    assert user_for_token(raw) == user


@pytest.mark.parametrize(
    "body",
    [
        {"username": "motcua.tuliem", "password": "sai-mat-khau"},
        {"username": "khong-co-ai", "password": PASSWORD},
        {"username": "congdan", "password": PASSWORD},
    ],
)
def test_wrong_credentials_or_non_staff_get_a_vietnamese_401(client, body):
    UserFactory(username="motcua.tuliem")
    UserFactory(username="congdan", is_staff=False)
    response = client.post("/api/v1/auth/token", body, content_type="application/json")
    assert response.status_code == 401
    assert response.json()["message"] == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert ApiToken.objects.count() == 0


@pytest.mark.parametrize("body", ["not json", '{"username": 5}', "[]", '{"password": "x"}'])
def test_malformed_token_requests_get_422(client, body):
    response = client.post("/api/v1/auth/token", body, content_type="application/json")
    assert response.status_code in (400, 422)
    assert "message" in response.json()


def test_expired_and_revoked_tokens_do_not_authenticate(client):
    UserFactory(username="motcua.tuliem")
    raw = client.post(
        "/api/v1/auth/token",
        {"username": "motcua.tuliem", "password": PASSWORD},
        content_type="application/json",
    ).json()["token"]
    assert user_for_token(raw, now=timezone.now() + dt.timedelta(hours=13)) is None
    response = client.post("/api/v1/auth/token/revoke", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert user_for_token(raw) is None
    again = client.post("/api/v1/auth/token/revoke", headers={"Authorization": f"Bearer {raw}"})
    assert again.status_code == 401
    assert again.json()["message"] == "Bạn cần đăng nhập."


@pytest.mark.parametrize("raw", ["", "mc_", "abc", "mc_" + "x" * 500, "mc_\x00"])
def test_garbage_tokens_are_rejected(raw):
    assert user_for_token(raw) is None
