"""The matrix shows what each ward lacks and what is under construction; ward staff edit only
their ward; bad input is refused."""

import io

import pytest
from openpyxl import load_workbook

from motcua.construction.models import Register
from motcua.construction.scope import ward_scope
from motcua.core.errors import DomainError, NotFound, PermissionDenied
from motcua.infrastructure import selectors, services
from motcua.infrastructure.models import Facility, FacilityKind

pytestmark = pytest.mark.django_db


def add(urban, ward, kind, status="operating", name=None, actor=None):
    actor = actor or (urban.ward_a_staff if ward == urban.ward_a else urban.ward_b_staff)
    return services.register_facility(
        actor=actor, ward=ward, kind=kind, name=name or f"{kind} {status}", status=status
    )


def test_the_matrix_shows_gaps_and_what_is_under_construction(urban, kinds):
    services.set_residential_groups(actor=urban.ward_a_staff, ward=urban.ward_a, groups=3)
    add(urban, urban.ward_a, "mam-non")
    add(urban, urban.ward_a, "tieu-hoc", status="under_construction")
    add(urban, urban.ward_a, "nha-van-hoa")
    add(urban, urban.ward_a, "nha-van-hoa", status="planned")
    add(urban, urban.ward_b, "mam-non")
    add(urban, urban.ward_b, "tieu-hoc")
    add(urban, urban.ward_b, "tram-y-te")
    scope = ward_scope(urban.district_inspector, Register.INFRASTRUCTURE)
    data = selectors.matrix(scope)
    rows = {row.ward.code: {c.kind.code: c for c in row.cells} for row in data.rows}
    a = rows["p-my-dinh-1"]
    assert (a["mam-non"].state, a["mam-non"].missing) == ("complete", 0)
    assert (a["tieu-hoc"].state, a["tieu-hoc"].missing, a["tieu-hoc"].building) == (
        "building", 1, 1,
    )  # fmt: skip
    assert (a["tram-y-te"].state, a["tram-y-te"].missing) == ("lack", 1)
    assert (a["nha-van-hoa"].required, a["nha-van-hoa"].operating) == (3, 1)
    assert (a["nha-van-hoa"].missing, a["nha-van-hoa"].planned) == (2, 1)
    b = rows["p-tay-mo"]
    assert all(c.state == "complete" for c in b.values())  # no groups recorded yet → 0 required
    assert data.wards_lacking == 1
    assert data.missing_by_kind() == [0, 1, 1, 2]
    assert data.building_by_kind() == [0, 1, 0, 0]


def test_a_ward_may_have_its_own_required_number(urban, kinds):
    add(urban, urban.ward_a, "tieu-hoc")
    services.set_requirement(actor=urban.ward_a_staff, ward=urban.ward_a, kind="tieu-hoc",
                             quantity=2, note="Dân số trên 30.000")  # fmt: skip
    scope = ward_scope(urban.ward_a_staff, Register.INFRASTRUCTURE)
    cell = selectors.matrix(scope).rows[0].cells[1]
    assert (cell.required, cell.missing, cell.own_rule) == (2, 1, True)
    services.set_requirement(actor=urban.ward_a_staff, ward=urban.ward_a, kind="tieu-hoc",
                             quantity=None)  # fmt: skip
    cell = selectors.matrix(scope).rows[0].cells[1]
    assert (cell.required, cell.own_rule) == (1, False)


def test_an_inactive_kind_leaves_the_matrix(urban, kinds):
    services.save_facility_kind(
        actor=urban.superuser, code="tram-y-te", name="Trạm y tế", quantity=1, active=False
    )
    scope = ward_scope(urban.superuser, Register.INFRASTRUCTURE)
    assert [k.code for k in selectors.matrix(scope).kinds] == ["mam-non", "tieu-hoc", "nha-van-hoa"]


def test_ward_staff_edit_only_their_own_ward(urban, kinds):
    with pytest.raises(NotFound):
        add(urban, urban.ward_b, "mam-non", actor=urban.ward_a_staff)
    with pytest.raises(NotFound):
        services.set_residential_groups(actor=urban.ward_b_staff, ward=urban.ward_a, groups=4)
    with pytest.raises(PermissionDenied):
        add(urban, urban.ward_a, "mam-non", actor=urban.ward_a_clerk)
    facility = add(urban, urban.ward_a, "mam-non")
    with pytest.raises(NotFound):
        services.update_facility(actor=urban.ward_b_staff, facility=facility, capacity=300)
    add(urban, urban.ward_b, "mam-non", actor=urban.district_inspector)
    assert Facility.objects.count() == 2


def test_only_managers_change_the_kinds(urban, kinds):
    with pytest.raises(PermissionDenied):
        services.save_facility_kind(actor=urban.ward_a_staff, name="Sân chơi", quantity=1)
    kind = services.save_facility_kind(
        actor=urban.district_inspector, name="Trường trung học cơ sở", quantity=1
    )
    assert kind.code == "truong-trung-hoc-co-so"
    assert FacilityKind.objects.count() == 5


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 256}, "name"),
        ({"status": "ruined"}, "status"),
        ({"capacity": -5}, "capacity"),
        ({"capacity": "300"}, "capacity"),
        ({"year_built": 1500}, "year_built"),
        ({"year_built": 2090, "status": "operating"}, "year_built"),
        ({"condition": "great"}, "condition"),
        ({"address": "x" * 256}, "address"),
    ],
)
def test_a_facility_with_bad_input_is_refused(urban, kinds, values, code):
    arguments = {"name": "Trường mầm non Mỹ Đình", "status": "operating", **values}
    with pytest.raises(DomainError) as caught:
        services.register_facility(
            actor=urban.ward_a_staff, ward=urban.ward_a, kind="mam-non", **arguments
        )
    assert caught.value.code == code
    assert not Facility.objects.exists()


@pytest.mark.parametrize("groups", [-1, "12", 1.5, None, 5000])
def test_a_bad_number_of_residential_groups_is_refused(urban, groups):
    with pytest.raises(DomainError):
        services.set_residential_groups(actor=urban.ward_a_staff, ward=urban.ward_a, groups=groups)


def test_unknown_ward_and_kind_are_not_found(urban, kinds):
    with pytest.raises(NotFound):
        add(urban, "khong-co", "mam-non", actor=urban.superuser)
    with pytest.raises(NotFound):
        add(urban, urban.ward_a, "san-bay")


def test_changes_are_kept_in_the_history(urban, kinds):
    facility = add(urban, urban.ward_a, "mam-non")
    services.update_facility(
        actor=urban.ward_a_staff, facility=facility, capacity=320, condition="good"
    )
    event = facility.events.order_by("-id").first()
    assert event.data == {"capacity": [None, 320], "condition": ["", "good"]}


@pytest.mark.parametrize("n", [1, 10, 30])
def test_the_matrix_page_has_a_fixed_query_count(
    urban, kinds, client, django_assert_max_num_queries, n
):
    from tests.factories import UnitFactory

    for i in range(n):
        ward = UnitFactory(code=f"p-thu-{i}", name=f"Phường Thử {i:02d}", parent=urban.district)
        add(urban, ward, "mam-non", actor=urban.superuser)
    client.force_login(urban.district_inspector)
    with django_assert_max_num_queries(14):
        response = client.get("/can-bo/ha-tang/")
    assert response.status_code == 200
    assert response.content.decode().count("Phường Thử") == n


def test_the_matrix_page_and_export_show_the_gaps(urban, kinds, client):
    add(urban, urban.ward_a, "mam-non")
    client.force_login(urban.district_inspector)
    html = client.get("/can-bo/ha-tang/?chi-thieu=1").content.decode()
    assert "Trạm y tế: 1" in html
    assert "2/2 phường còn thiếu" in html
    response = client.get("/can-bo/ha-tang/ma-tran.xlsx?dia-ban=nam-tu-liem")
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:3] == ("Phường", "Số tổ dân phố", "Trường mầm non")
    assert rows[1][0] == "Phường Mỹ Đình 1" and rows[1][2] == "1/1"
    assert client.get("/can-bo/ha-tang/?dia-ban=bac-tu-liem").status_code == 404


def test_the_ward_page_adds_a_facility_and_refuses_bad_input(urban, kinds, client):
    client.force_login(urban.ward_a_staff)
    url = f"/can-bo/ha-tang/phuong/{urban.ward_a.code}/"
    assert client.get(url).status_code == 200
    response = client.post(url + "cong-trinh/", {
        "kind": "tram-y-te", "name": "Trạm y tế phường Mỹ Đình 1", "status": "operating",
        "capacity": "12", "year_built": "2016", "condition": "good",
    })  # fmt: skip
    assert response.status_code == 302
    response = client.post(url + "cong-trinh/", {
        "kind": "tram-y-te", "name": "X", "status": "operating", "year_built": "1200",
    })  # fmt: skip
    assert response.status_code == 422
    assert "Năm xây dựng không được nhỏ hơn 1800." in response.content.decode()
    assert Facility.objects.count() == 1
    client.force_login(urban.ward_b_staff)
    assert client.get(url).status_code == 404
    assert client.post(url + "to-dan-pho/", {"residential_groups": "9"}).status_code == 404


def test_the_register_and_construction_pages_link_their_stylesheet_in_the_head(
    urban, kinds, client
):
    client.force_login(urban.district_inspector)
    for path in ("/can-bo/ha-tang/", "/can-bo/trat-tu-xay-dung/"):
        html = client.get(path).content.decode()
        head, body = html.split("</head>", 1)
        assert "construction/urban.css" in head, path
        assert "urban.css" not in body, path
