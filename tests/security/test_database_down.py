"""A lost database answers 503 in Vietnamese with Retry-After, then the next request recovers."""

import pytest
from django.db import OperationalError, connection

from tests.security.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    # As in production: an error is answered, not re-raised into the test.
    client.raise_request_exception = False
    return client


def _refused(execute, sql, params, many, context):
    # The driver's answer when the server went away, raised where the driver is called.
    raise OperationalError("connection to server failed: Connection refused")


def test_the_api_answers_503_json_and_recovers(client):
    with connection.execute_wrapper(_refused):
        response = client.get("/api/v1/public/units")
    assert response.status_code == 503
    assert response.json()["code"] == "database_unavailable"
    assert "cơ sở dữ liệu" in response.json()["message"]
    assert int(response["Retry-After"]) > 0
    assert client.get("/api/v1/public/units").status_code == 200


def test_a_page_answers_503_html_with_the_security_headers(client):
    with connection.execute_wrapper(_refused):
        response = client.get("/thu-tuc/")
    assert response.status_code == 503
    html = response.content.decode()
    assert "Hệ thống tạm ngừng phục vụ" in html
    assert response["Retry-After"]
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response
    assert client.get("/thu-tuc/").status_code == 200


def test_a_signed_in_desk_page_answers_503(client, officer):
    # The session is read by a middleware before any view: a 500 there becomes a 503 too.
    sign_in(client, officer.username)
    with connection.execute_wrapper(_refused):
        response = client.get("/can-bo/ho-so/")
    assert response.status_code == 503
    assert client.get("/can-bo/ho-so/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_closed_port_gives_503_then_the_next_request_reconnects(client):
    if connection.vendor != "postgresql":
        pytest.skip("a TCP database server is needed to refuse a connection")
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    original = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = str(closed_port)
    try:
        api = client.get("/api/v1/public/units")
        page = client.get("/thu-tuc/")
    finally:
        connection.close()
        connection.settings_dict["PORT"] = original
    assert api.status_code == 503 and api.json()["code"] == "database_unavailable"
    assert page.status_code == 503
    assert client.get("/api/v1/public/units").status_code == 200
