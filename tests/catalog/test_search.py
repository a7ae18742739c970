import datetime as dt

import pytest

from motcua.catalog.selectors import search_procedures

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    "query",
    ["cap giay phep xay dung", "giấy phép", "GIAY PHEP", "Cấp GIẤY phép", "  phep   xay  ", "9994"],
)
def test_search_finds_the_building_permit_with_or_without_diacritics(catalogue, query):
    names = [v.name for v in search_procedures(day=TODAY, q=query)]
    assert names == ["Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"]


def test_search_needs_every_word(catalogue):
    assert list(search_procedures(day=TODAY, q="giay phep khai sinh")) == []


def test_expired_versions_are_not_in_force(catalogue):
    assert [v.procedure.code for v in search_procedures(day=TODAY, q="tam")] == []
    assert [v.procedure.code for v in search_procedures(day=dt.date(2018, 5, 1), q="tam")] == [
        "1.000001"
    ]


def test_filters_by_field_unit_and_online_level(catalogue):
    assert [v.name for v in search_procedures(day=TODAY, field="ho-tich")] == ["Đăng ký khai sinh"]
    assert [v.procedure.code for v in search_procedures(day=TODAY, unit="ntl-mot-cua")] == [
        "1.009994"
    ]
    assert [v.procedure.code for v in search_procedures(day=TODAY, level="full_online")] == [
        "1.009994"
    ]
    assert len(search_procedures(day=TODAY, level="online")) == 2
    assert list(search_procedures(day=TODAY, level="level-9")) == []


def test_results_are_sorted_the_vietnamese_way(catalogue):
    # "Cấp …" before "Đăng …" (C < Đ), whatever the byte order says.
    assert [v.name[:3] for v in search_procedures(day=TODAY)] == ["Cấp", "Đăn"]
