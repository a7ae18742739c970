"""An API caller with bearer tokens for the dossier world's staff."""

import datetime as dt
import hashlib
import secrets

import pytest
from django.utils import timezone

from motcua.organization.models import ApiToken
from tests.dossiers.factories import make_world


@pytest.fixture
def world(db):
    return make_world()


def bearer(user) -> str:
    raw = "mc_" + secrets.token_urlsafe(24)
    ApiToken.objects.create(
        user=user,
        prefix=raw[:10],
        key_hash=hashlib.sha256(raw.encode()).hexdigest(),
        expires_at=timezone.now() + dt.timedelta(hours=1),
        last_used_at=timezone.now(),
    )
    return raw


class Api:
    """`api.as_(user).get(path)`; anonymous when no user was chosen."""

    def __init__(self, client, user=None):
        self.client = client
        self.headers = {"Authorization": f"Bearer {bearer(user)}"} if user is not None else {}

    def as_(self, user) -> "Api":
        return Api(self.client, user)

    def get(self, path, params=None):
        return self.client.get("/api/v1" + path, params or {}, headers=self.headers)

    def post(self, path, body=None, **kwargs):
        return self.client.post(
            "/api/v1" + path,
            body if isinstance(body, (str, bytes)) else (body or {}),
            content_type=kwargs.get("content_type", "application/json"),
            headers={**self.headers, **kwargs.get("headers", {})},
        )


@pytest.fixture
def api(client):
    return Api(client)
