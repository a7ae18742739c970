"""Citizen accounts: e-mail and password sign-up, sign-in, and only their own dossiers."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.dossiers.factories import online_dossier
from tests.portal.helpers import apply_steps

PASSWORD = "Mot-cua-2026-an-toan"


def test_sign_up_creates_a_non_staff_user_and_signs_in(client, db):
    response = client.post(
        reverse("portal:sign_up"),
        {"email": "Lan@Example.VN", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get()
    assert (user.username, user.email, user.is_staff) == ("lan@example.vn", "lan@example.vn", False)
    assert client.get(reverse("portal:my_dossiers")).status_code == 200


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "bắt buộc"),
        ({"email": "khong-hop-le", "password1": PASSWORD, "password2": PASSWORD}, "email"),
        ({"email": "a@b.vn", "password1": PASSWORD, "password2": PASSWORD + "x"}, "không giống"),
        ({"email": "a@b.vn", "password1": "123", "password2": "123"}, "mật khẩu"),
    ],
)
def test_sign_up_refuses_bad_input(client, db, data, message):
    response = client.post(reverse("portal:sign_up"), data)
    assert response.status_code == 422
    assert message in response.content.decode().lower() or message in response.content.decode()
    assert not get_user_model().objects.exists()


def test_sign_up_refuses_a_taken_email(client, db):
    get_user_model().objects.create_user("lan@example.vn", "lan@example.vn", PASSWORD)
    response = client.post(
        reverse("portal:sign_up"),
        {"email": "LAN@example.vn", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 422
    assert "đã được đăng ký" in response.content.decode()


def test_sign_in_and_my_dossiers_lists_only_mine(client, world):
    user = get_user_model().objects.create_user("lan@example.vn", "lan@example.vn", PASSWORD)
    wrong = client.post(
        reverse("portal:sign_in"), {"username": "lan@example.vn", "password": "sai"}
    )
    assert wrong.status_code == 422
    assert "không đúng" in wrong.content.decode()
    ok = client.post(
        reverse("portal:sign_in"), {"username": "LAN@example.vn", "password": PASSWORD}
    )
    assert ok.status_code == 302
    apply_steps(client, world)
    someone_else = online_dossier(world)
    page = client.get(reverse("portal:my_dossiers")).content.decode()
    mine = user.own_dossiers.get()
    assert mine.code in page
    assert someone_else.code not in page


def test_my_dossiers_needs_sign_in(client, db):
    response = client.get(reverse("portal:my_dossiers"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:sign_in"))
