import datetime as dt

import pytest

from motcua.organization.models import Unit, UnitKind, validate_agency_code
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_shapes():
    """Hà Nội → Nam Từ Liêm → Mỹ Đình 1 until 30/06/2025; Hà Nội → Phường Từ Liêm after."""
    hanoi = UnitFactory(
        code="ha-noi", name="Thành phố Hà Nội", kind=UnitKind.PROVINCE, agency_code="000.00.00.H26"
    )
    district = UnitFactory(
        code="nam-tu-liem",
        name="Quận Nam Từ Liêm",
        kind=UnitKind.DISTRICT,
        parent=hanoi,
        agency_code="000.00.27.H26",
        valid_to=dt.date(2025, 6, 30),
    )
    new_ward = UnitFactory(
        code="p-tu-liem",
        name="Phường Từ Liêm",
        kind=UnitKind.WARD,
        parent=hanoi,
        agency_code="000.01.00.H26",
        valid_from=dt.date(2025, 7, 1),
    )
    old_ward = UnitFactory(
        code="p-my-dinh-1",
        name="Phường Mỹ Đình 1",
        kind=UnitKind.WARD,
        parent=district,
        agency_code="000.05.27.H26",
        valid_to=dt.date(2025, 6, 30),
        successor=new_ward,
    )
    return hanoi, district, old_ward, new_ward


def test_units_on_a_date_before_the_reform_show_the_district_shape(client, two_shapes):
    response = client.get("/api/v1/public/units", {"on": "2020-06-01"})
    assert response.status_code == 200
    by_code = {u["code"]: u for u in response.json()}
    assert set(by_code) == {"ha-noi", "nam-tu-liem", "p-my-dinh-1"}
    assert by_code["p-my-dinh-1"]["parent"] == "nam-tu-liem"
    assert by_code["p-my-dinh-1"]["valid_to"] == "2025-06-30"
    assert by_code["nam-tu-liem"]["kind"] == "district"


def test_units_after_the_reform_show_two_tiers_and_keep_old_history(client, two_shapes):
    by_code = {u["code"]: u for u in client.get("/api/v1/public/units?on=2025-07-01").json()}
    assert set(by_code) == {"ha-noi", "p-tu-liem"}
    assert by_code["p-tu-liem"]["parent"] == "ha-noi"
    old = Unit.objects.get(code="p-my-dinh-1")
    assert old.successor.code == "p-tu-liem"  # the ceased unit is kept, with its successor


def test_units_default_to_today(client, two_shapes):
    codes = {u["code"] for u in client.get("/api/v1/public/units").json()}
    assert "p-tu-liem" in codes and "nam-tu-liem" not in codes


@pytest.mark.parametrize("bad", ["2025-13-01", "hôm nay", "2025-02-30", "x" * 10_000, "\x00"])
def test_units_with_a_bad_date_get_a_vietnamese_422(client, bad):
    response = client.get("/api/v1/public/units", {"on": bad})
    assert response.status_code == 422
    assert response.json()["message"] == "Dữ liệu gửi lên không hợp lệ."


@pytest.mark.parametrize(
    "code,ok",
    [
        ("000.22.27.H26", True),
        ("000.00.00.H26", True),
        ("H26", False),
        ("000.22.27.h26", False),
        ("0000.22.27.H26", False),
    ],
)
def test_agency_code_format(code, ok):
    from django.core.exceptions import ValidationError

    if ok:
        validate_agency_code(code)
    else:
        with pytest.raises(ValidationError):
            validate_agency_code(code)


def test_units_list_has_a_fixed_number_of_queries(
    client, two_shapes, django_assert_max_num_queries
):
    for n in range(30):
        UnitFactory(code=f"extra-{n}", parent=two_shapes[0])
    with django_assert_max_num_queries(2):
        assert client.get("/api/v1/public/units").status_code == 200
