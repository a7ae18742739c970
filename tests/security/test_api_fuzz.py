"""schemathesis over the whole OpenAPI, in-process through WSGI: no server error, and every
response matches the documented status codes, content type and schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from motcua.wsgi import application
from tests.api.conftest import bearer
from tests.dossiers.factories import desk_dossier, make_world

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)

# The API-wide refusals of api/base.py (unreadable JSON, invalid input, Http404): django-ninja
# does not list them per operation, so several operations leave them undocumented. They must
# still have the API's error shape with a Vietnamese message.
API_WIDE_REFUSALS = {400, 404, 422}


def status_documented_or_input_refused(ctx, response, case):
    """status_code_conformance, except for the API-wide refusals in the API's error shape."""
    if response.status_code in API_WIDE_REFUSALS:
        body = response.json()
        assert isinstance(body.get("code"), str) and body.get("message"), body
        return None
    return status_code_conformance(ctx, response, case)


CHECKS = [
    not_a_server_error,
    status_documented_or_input_refused,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def _keep_the_test_transactions_connection():
    """As Django's test client does: the WSGI calls must not close the connection holding the
    test's transaction at the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def staff(db):
    """A staff member holding every role in the world's units, with one dossier to act on."""
    world = make_world()
    desk_dossier(world)
    return world.omni


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_never_errors_and_matches_its_schema(case, staff):
    headers = {}
    if case.operation.definition.raw.get("security"):
        # A fresh token each time: the revoke operation may have revoked the last one.
        headers["Authorization"] = f"Bearer {bearer(staff)}"
    case.call_and_validate(headers=headers, checks=CHECKS)
