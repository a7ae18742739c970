import pytest

from tests.dossiers.factories import make_world


@pytest.fixture
def world(db):
    return make_world()
