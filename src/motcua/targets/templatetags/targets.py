"""Vietnamese number format and labels for the targets pages."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from motcua.targets.achievement import STATUS_LABELS
from motcua.targets.charts import trend_svg
from motcua.targets.reports import number

register = template.Library()


@register.filter
def vn_number(value):
    """Decimal(`1250.5`) → `1.250,5`."""
    return number(value)


@register.filter
def status_label(value):
    return STATUS_LABELS.get(value, value)


@register.simple_tag
def trend(row, width=180, height=48):
    # The SVG is built from numbers and escaped text only.
    svg = trend_svg(row.series, row.goal, width=width, height=height, label=row.target.name)
    return mark_safe(svg)  # noqa: S308


HISTORY_LABELS = {
    "define": _("Tạo chỉ tiêu"),
    "report": _("Báo cáo số liệu"),
    "approve": _("Phê duyệt số liệu"),
    "reject": _("Không phê duyệt số liệu"),
    "change_goal": _("Sửa mục tiêu"),
}


@register.filter
def history_action(value):
    return HISTORY_LABELS.get(value, value)
