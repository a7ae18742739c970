"""Date wordings of the forms: `10 giờ 05 phút, ngày 10/03/2026`, `ngày 10 tháng 03 năm 2026`."""

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

register = template.Library()


def _local(value):
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def gio_phut_ngay(value) -> str:
    """`10 giờ 05 phút, ngày 10/03/2026`."""
    if not value:
        return ""
    value = _local(value)
    return _("%(h)s giờ %(m)s phút, ngày %(d)s") % {
        "h": f"{value.hour:02d}",
        "m": f"{value.minute:02d}",
        "d": value.strftime("%d/%m/%Y"),
    }


@register.filter
def ngay_thang_nam(value) -> str:
    """`ngày 10 tháng 03 năm 2026`, the date line of an administrative document."""
    if not value:
        return ""
    value = _local(value)
    return _("ngày %(d)s tháng %(m)s năm %(y)s") % {
        "d": f"{value.day:02d}",
        "m": f"{value.month:02d}",
        "y": value.year,
    }
