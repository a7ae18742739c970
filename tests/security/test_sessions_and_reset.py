import re

import pytest
from django.core import mail

from motcua.security.models import AuditAction, AuditEntry
from motcua.security.policy import SEEN_KEY
from tests.factories import UserFactory
from tests.security.conftest import sign_in

pytestmark = pytest.mark.django_db


def _age_session(client, seconds):
    session = client.session
    session[SEEN_KEY] -= seconds
    session.save()


def test_an_idle_staff_session_ends_and_asks_to_sign_in_again(client, officer):
    sign_in(client, officer.username)
    _age_session(client, 31 * 60)
    response = client.get("/can-bo/ho-so/", follow=True)
    assert response.redirect_chain[0][0] == "/can-bo/dang-nhap/?next=/can-bo/ho-so/"
    assert "không thao tác" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action=AuditAction.SESSION_EXPIRED, actor=officer).exists()


def test_activity_keeps_the_session_alive(client, officer, settings):
    settings.SECURITY_IDLE_TIMEOUT = 600
    sign_in(client, officer.username)
    _age_session(client, 500)
    assert client.get("/can-bo/").status_code == 200  # refreshes the activity clock
    _age_session(client, 500)
    assert client.get("/can-bo/").status_code == 200


def test_an_htmx_request_on_an_expired_session_redirects_the_page(client, officer):
    sign_in(client, officer.username)
    _age_session(client, 31 * 60)
    response = client.get("/can-bo/ho-so/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith("/can-bo/dang-nhap/")


def test_password_reset_sends_a_vietnamese_mail_with_a_working_link(client, settings):
    settings.SITE_URL = "https://motcua.example.gov.vn"
    UserFactory(username="canbo.an", email="an@namtuliem.gov.vn")
    response = client.post("/can-bo/bao-mat/mat-khau/quen/", {"email": "an@namtuliem.gov.vn"})
    assert response["Location"] == "/can-bo/bao-mat/mat-khau/da-gui/"
    (message,) = mail.outbox
    assert message.subject == "Một Cửa: đặt lại mật khẩu tài khoản cán bộ"
    assert "Kính gửi" in message.body and "canbo.an" in message.body
    link = re.search(r"https://motcua\.example\.gov\.vn(/\S+)", message.body).group(1)

    form = client.get(link, follow=True)
    assert "Mật khẩu mới" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Mot-Cua-moi-2026!", "new_password2": "Mot-Cua-moi-2026!"},
    )
    assert done["Location"] == "/can-bo/bao-mat/mat-khau/xong/"
    assert sign_in(client, "canbo.an", "Mot-Cua-moi-2026!").status_code == 302
    assert AuditEntry.objects.filter(action=AuditAction.PASSWORD_CHANGED).exists()
    # The link works once.
    assert "không hợp lệ" in client.get(link, follow=True).content.decode()


@pytest.mark.parametrize("staff", [False, None])
def test_no_mail_for_citizens_or_unknown_addresses_and_the_same_answer(client, staff):
    if staff is not None:
        UserFactory(username="congdan", email="dan@example.vn", is_staff=staff)
    response = client.post("/can-bo/bao-mat/mat-khau/quen/", {"email": "dan@example.vn"})
    assert response["Location"] == "/can-bo/bao-mat/mat-khau/da-gui/"
    assert mail.outbox == []


def test_the_sign_in_page_links_to_the_password_reset(client):
    assert "/can-bo/bao-mat/mat-khau/quen/" in client.get("/can-bo/dang-nhap/").content.decode()
