"""Labels for feedback history rows."""

from django import template
from django.utils.translation import gettext_lazy as _

from motcua.feedback.access import is_leader
from motcua.feedback.models import FeedbackStatus

register = template.Library()

ACTION_LABELS = {
    "send": _("Gửi phản ánh"),
    "accept": _("Thụ lý"),
    "refuse": _("Không tiếp nhận"),
    "forward": _("Chuyển đơn vị xử lý"),
    "request_supplement": _("Yêu cầu bổ sung thông tin"),
    "submit_supplement": _("Người gửi bổ sung thông tin"),
    "answer": _("Trả lời"),
    "publish": _("Công khai câu trả lời"),
}


# Whether the user may open the leaders' overdue page (so others are not shown its link).
register.filter("feedback_leader", is_leader)


@register.filter
def feedback_action(value):
    return ACTION_LABELS.get(value, value)


@register.filter
def feedback_status(value):
    try:
        return FeedbackStatus(value).label
    except ValueError:
        return value
