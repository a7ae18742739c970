import pytest

from tests.dossiers.factories import make_world


@pytest.fixture
def world(db):
    return make_world()


@pytest.fixture(autouse=True)
def _portal_settings(settings):
    settings.NOTIFY_ATTACH_SLIPS = False
