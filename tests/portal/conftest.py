import pytest
from django.core.cache import cache

from tests.dossiers.factories import make_world


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture(autouse=True)
def _portal_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.NOTIFY_ATTACH_SLIPS = False
    cache.clear()
    yield
    cache.clear()
