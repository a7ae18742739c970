"""Every page sends the security headers, and no page carries an inline script."""

import re

import pytest

from tests.factories import UserFactory
from tests.security.conftest import enrolled_device, sign_in

pytestmark = pytest.mark.django_db

PUBLIC = ["/", "/thu-tuc/", "/tra-cuu/", "/can-bo/dang-nhap/", "/can-bo/bao-mat/mat-khau/quen/"]
DESK = [
    "/can-bo/",
    "/can-bo/ho-so/",
    "/can-bo/tiep-nhan/",
    "/can-bo/bao-mat/",
    "/can-bo/bao-mat/dang-ky-xac-thuc/",
]
ADMIN = [
    "/quan-tri/",
    "/quan-tri/security/auditentry/",
    "/quan-tri/security/rolesecuritypolicy/",
    "/quan-tri/organization/membership/add/",
]
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)


def _assert_safe(response, path):
    assert response.status_code == 200, path
    csp = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", csp).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, path
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY", path
    assert response["X-Content-Type-Options"] == "nosniff", path
    assert response["Referrer-Policy"] == "same-origin", path
    for attrs, body in SCRIPT.findall(response.content.decode()):
        if 'type="application/json"' in attrs:
            continue  # data read by a script file, never executed
        assert "src=" in attrs and not body.strip(), f"inline script on {path}: {attrs}"


def test_public_pages(client):
    for path in PUBLIC:
        _assert_safe(client.get(path), path)


def test_desk_pages(client, officer):
    sign_in(client, officer.username)
    for path in DESK:
        _assert_safe(client.get(path), path)


def test_the_second_factor_pages(client, specialist):
    enrolled_device(specialist)
    sign_in(client, specialist.username)
    _assert_safe(client.get("/can-bo/bao-mat/xac-thuc/"), "verify")


def test_admin_pages(client):
    client.force_login(UserFactory(username="quantri", is_superuser=True))
    for path in ADMIN:
        _assert_safe(client.get(path), path)
    _assert_safe(client.get("/quan-tri/login/", follow=True), "admin login")


def test_error_pages_too(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert response["X-Frame-Options"] == "DENY"
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
