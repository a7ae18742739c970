import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from motcua.security.models import AuditAction, AuditEntry
from tests.security.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_five_failures_lock_the_desk_sign_in_with_a_vietnamese_429(client, officer, axes_on):
    for _ in range(4):
        response = sign_in(client, officer.username, "sai-mat-khau")
        assert response.status_code == 200
        assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    locked = sign_in(client, officer.username, "sai-mat-khau")
    assert locked.status_code == 429
    assert "Tài khoản tạm thời bị khóa" in locked.content.decode()
    assert locked["Retry-After"] == str(15 * 60)
    # Even the right password is refused during the cool-off.
    assert sign_in(client, officer.username).status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action=AuditAction.LOCKED_OUT, actor_name=officer.username)


def test_the_lock_lifts_after_the_cool_off(client, officer, axes_on):
    for _ in range(5):
        sign_in(client, officer.username, "sai-mat-khau")
    assert sign_in(client, officer.username).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=16))
    response = sign_in(client, officer.username)
    assert response.status_code == 302
    assert client.get("/can-bo/").status_code == 200


def test_the_limit_and_cool_off_are_settings(client, officer, axes_on):
    axes_on.AXES_FAILURE_LIMIT = 2
    axes_on.AXES_COOLOFF_TIME = dt.timedelta(minutes=3)
    sign_in(client, officer.username, "sai")
    locked = sign_in(client, officer.username, "sai")
    assert locked.status_code == 429
    assert "3 phút" in locked.content.decode()


def test_a_success_resets_the_count(client, officer, axes_on):
    for _ in range(4):
        sign_in(client, officer.username, "sai")
    assert sign_in(client, officer.username).status_code == 302
    client.post("/can-bo/dang-xuat/")
    for _ in range(4):
        assert sign_in(client, officer.username, "sai").status_code == 200


def test_the_api_token_endpoint_locks_with_json(client, officer, axes_on):
    body = {"username": officer.username, "password": "sai"}
    for _ in range(4):
        response = client.post("/api/v1/auth/token", body, content_type="application/json")
        assert response.status_code == 401
    locked = client.post("/api/v1/auth/token", body, content_type="application/json")
    assert locked.status_code == 429
    assert locked.json()["code"] == "locked_out"
    assert "Tài khoản tạm thời bị khóa" in locked.json()["message"]


def test_the_admin_login_locks_too(client, axes_on):
    from tests.factories import UserFactory

    UserFactory(username="quantri", is_superuser=True)
    for _ in range(5):
        client.post("/quan-tri/login/", {"username": "quantri", "password": "sai"})
    response = client.post(
        "/quan-tri/login/", {"username": "quantri", "password": "matkhau-thu-nghiem-2026"}
    )
    assert response.status_code == 429


def test_another_address_is_not_locked_out_by_someone_elses_failures(client, officer, axes_on):
    for _ in range(5):
        sign_in(client, officer.username, "sai", REMOTE_ADDR="203.0.113.9")
    assert sign_in(client, officer.username, REMOTE_ADDR="203.0.113.9").status_code == 429
    assert sign_in(client, officer.username, REMOTE_ADDR="198.51.100.7").status_code == 302
