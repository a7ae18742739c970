import pytest

from motcua.organization.models import Role
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "matkhau-thu-nghiem-2026"


def test_the_desk_asks_anonymous_users_to_sign_in(client):
    response = client.get("/can-bo/")
    assert response.status_code == 302
    assert response["Location"].startswith("/can-bo/dang-nhap/")


def test_staff_sign_in_and_see_their_units_and_roles(client):
    membership = MembershipFactory(
        user__username="motcua.tuliem",
        unit__name="Trung tâm Phục vụ hành chính công phường Từ Liêm",
    )
    response = client.post(
        "/can-bo/dang-nhap/", {"username": "motcua.tuliem", "password": PASSWORD}, follow=True
    )
    html = response.content.decode()
    assert "Trung tâm Phục vụ hành chính công phường Từ Liêm" in html
    assert "Cán bộ một cửa" in html
    assert membership.role == Role.ONE_STOP_OFFICER


@pytest.mark.parametrize(
    "form",
    [
        {"username": "motcua.tuliem", "password": "sai"},
        {"username": "", "password": ""},
        {"username": "x" * 10_000, "password": "y"},
        {"username": "motcua\x00", "password": PASSWORD},
    ],
)
def test_a_failed_sign_in_says_so_in_vietnamese(client, form):
    UserFactory(username="motcua.tuliem")
    response = client.post("/can-bo/dang-nhap/", form)
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_needs_a_post(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/can-bo/dang-xuat/").status_code == 405
    assert client.post("/can-bo/dang-xuat/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_desk_home_links_every_staff_register(client):
    client.force_login(MembershipFactory().user)
    html = client.get("/can-bo/").content.decode()
    for href in [
        "/can-bo/phan-anh/",
        "/can-bo/chi-tieu/",
        "/can-bo/trat-tu-xay-dung/",
        "/can-bo/ha-tang/",
    ]:
        assert f'href="{href}' in html, href
