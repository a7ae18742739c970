import datetime as dt
from zoneinfo import ZoneInfo

from motcua.core.templatetags.motcua import ddmmyyyy, dong, hhmm_ddmmyyyy, working_time


def test_money_in_dong_with_dot_thousands():
    assert dong(1250000) == "1.250.000 đ"
    assert dong(0) == "0 đ"
    assert dong(None) == ""


def test_dates_are_day_month_year_in_vietnam_time():
    instant = dt.datetime(2026, 3, 9, 1, 30, tzinfo=dt.UTC)
    assert hhmm_ddmmyyyy(instant) == "08:30 09/03/2026"
    assert ddmmyyyy(dt.datetime(2026, 3, 9, 18, 0, tzinfo=dt.UTC)) == "10/03/2026"
    assert ddmmyyyy(dt.date(2026, 1, 2)) == "02/01/2026"
    assert hhmm_ddmmyyyy(dt.datetime(2026, 3, 9, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))) == (
        "08:30 09/03/2026"
    )


def test_working_time_in_days_or_hours():
    assert working_time(480 * 15) == "15 ngày làm việc"
    assert working_time(240) == "4 giờ làm việc"
    assert working_time(90, "hour") == "1,5 giờ làm việc"


def test_working_time_in_english_is_plural_and_uses_a_decimal_point():
    from django.utils import translation

    with translation.override("en"):
        assert working_time(480 * 15) == "15 working days"
        assert working_time(480) == "1 working day"
        assert working_time(90, "hour") == "1.5 working hours"


def test_names_are_shown_family_name_first():
    from types import SimpleNamespace

    from motcua.core.templatetags.motcua import person

    staff = SimpleNamespace(last_name="Hà", first_name="Thị Quỳnh", get_username=lambda: "x")
    assert person(staff) == "Hà Thị Quỳnh"
    assert person(SimpleNamespace(last_name="", first_name="", get_username=lambda: "u1")) == "u1"
