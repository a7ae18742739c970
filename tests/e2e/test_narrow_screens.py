"""The citizen's pages fit a phone's screen (390 px) even with long unit names in their lists."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

LONG_NAME = "Trung tâm Phục vụ hành chính công phường Xuân Phương, thành phố Hà Nội"


@pytest.mark.parametrize("path", ["/", "/thu-tuc/", "/phan-anh/gui/"])
def test_pages_with_unit_lists_do_not_scroll_sideways_on_a_phone(live_server, browser, path):
    from motcua.organization.models import Unit, UnitKind
    from tests.catalog.conftest import catalogue as make_catalogue
    from tests.factories import UnitFactory

    make_catalogue.__wrapped__(None)
    Unit.objects.filter(code="ntl-mot-cua").update(name=LONG_NAME, sort_name=LONG_NAME.lower())
    UnitFactory(code="p-xp-ubnd", name=LONG_NAME, kind=UnitKind.PEOPLES_COMMITTEE)
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + path)
    assert LONG_NAME in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
