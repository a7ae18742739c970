import pytest

pytestmark = pytest.mark.django_db


def test_catalogue_page_is_vietnamese_and_lists_procedures(client, catalogue):
    html = client.get("/").content.decode()
    assert '<html lang="vi">' in html
    assert "Tra cứu thủ tục hành chính" in html
    assert "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ" in html
    assert "12 ngày làm việc" in html


def test_catalogue_search_without_diacritics(client, catalogue):
    html = client.get("/thu-tuc/", {"q": "dang ky khai sinh"}).content.decode()
    assert "Đăng ký khai sinh" in html
    assert "Cấp giấy phép xây dựng" not in html


def test_htmx_search_returns_only_the_results_fragment(client, catalogue):
    response = client.get("/thu-tuc/", {"q": "khai sinh"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html


@pytest.mark.parametrize("q", ["x" * 10_000, "\x00", "%", "<script>alert(1)</script>"])
def test_odd_searches_render_an_empty_result_not_an_error(client, catalogue, q):
    response = client.get("/thu-tuc/", {"q": q, "page": "abc"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_procedure_page_shows_parts_fees_steps_times_and_legal_basis(client, catalogue):
    html = client.get("/thu-tuc/1.009994/").content.decode()
    for text in [
        "Bản vẽ thiết kế xây dựng",
        "75.000 đ",
        "Thẩm định hồ sơ",
        "12 ngày làm việc",
        "Rút ngắn so với quy định (15 ngày làm việc)",
        "Luật Xây dựng số 50/2014/QH13",
        "Bộ phận Một cửa quận Nam Từ Liêm",
        "01/01/2020",
    ]:
        assert text in html, text


def test_unknown_procedure_page_is_a_vietnamese_404(client, catalogue):
    response = client.get("/thu-tuc/9.999999/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_english_is_available(client, catalogue):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html


def test_catalogue_page_query_count_is_fixed(client, catalogue, django_assert_max_num_queries):
    from tests.factories import ProcedureVersionFactory

    for _ in range(25):
        ProcedureVersionFactory(receiving_units=[catalogue["desk"]])
    # 6 for the search and its filters, 3 for the home page's 12-month figures
    with django_assert_max_num_queries(9):
        assert client.get("/").status_code == 200


def test_an_english_browser_still_gets_vietnamese_until_the_user_switches(client, catalogue):
    html = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="vi">' in html
