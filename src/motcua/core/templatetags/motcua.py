"""Template filters for Vietnamese money, dates and working-time durations."""

import datetime as dt
import math

from django import template
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import ngettext

from motcua.core.money import format_amount
from motcua.core.text import person_name
from motcua.core.widgets import DateInput

register = template.Library()


def format_money(amount: int | None) -> str:
    if amount is None:
        return ""
    return format_amount(amount) + " đ"


@register.filter
def dong(amount):
    """`1250000` → `1.250.000 đ`."""
    return format_money(amount)


@register.filter
def ddmmyyyy(value):
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return value.strftime("%d/%m/%Y")


@register.simple_tag
def date_input(name: str, value=None):
    """The dd/mm/yyyy field of a hand-written filter form, as forms draw `DateInput`."""
    return DateInput().render(name, value)


@register.filter
def hhmm_ddmmyyyy(value):
    if not value:
        return ""
    value = timezone.localtime(value) if timezone.is_aware(value) else value
    return value.strftime("%H:%M %d/%m/%Y")


def format_duration(minutes: int, unit: str = "day") -> str:
    if unit == "hour" or minutes % 480:
        hours = minutes / 60
        text = number_format(int(hours) if hours.is_integer() else round(hours, 2))
        return ngettext("%(n)s giờ làm việc", "%(n)s giờ làm việc", max(1, math.ceil(hours))) % {
            "n": text
        }
    days = minutes // 480
    return ngettext("%(n)s ngày làm việc", "%(n)s ngày làm việc", days) % {"n": days}


@register.filter
def person(user):
    """A user's name in Vietnamese order (family name first)."""
    return person_name(user)


@register.filter
def working_time(minutes, unit="day"):
    """480 → `1 ngày làm việc`; 240 → `4 giờ làm việc`."""
    if minutes in (None, ""):
        return ""
    return format_duration(int(minutes), unit)
