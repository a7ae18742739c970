"""Feedback statistics: received, handled on time or late, open in time or overdue, by unit
and by subject; the 5.2 indicator; an Excel workbook and a server-rendered SVG bar chart."""

import datetime as dt
import io
from collections import OrderedDict
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .deadlines import local_day
from .models import FeedbackStatus, SubjectKind

S = FeedbackStatus


@dataclass
class Tally:
    label: str
    received: int = 0
    refused: int = 0
    answered: int = 0
    answered_on_time: int = 0
    answered_late: int = 0
    handled_on_time: int = 0
    open_in_time: int = 0
    overdue: int = 0
    dislikes: int = 0

    @property
    def on_time_rate(self) -> float | None:
        """(handled on time + open in time) ÷ received × 100 (indicator 5.2); None if empty."""
        if not self.received:
            return None
        return round(100 * (self.handled_on_time + self.open_in_time) / self.received, 2)


@dataclass
class Statistics:
    date_from: dt.date
    date_to: dt.date
    today: dt.date
    total: Tally
    by_unit: list[Tally] = field(default_factory=list)
    by_subject: list[Tally] = field(default_factory=list)


def classify(item, today: dt.date) -> str:
    """One of on_time, late (answered), refused_on_time, refused_late, in_time, overdue."""
    if item.status in (S.ANSWERED, S.PUBLISHED):
        return "on_time" if local_day(item.answered_at) <= item.answer_due else "late"
    if item.status == S.REFUSED:
        return (
            "refused_on_time" if local_day(item.refused_at) <= item.refuse_due else "refused_late"
        )
    late = item.answer_due < today or (item.status == S.RECEIVED and item.refuse_due < today)
    return "overdue" if late else "in_time"


def _add(tally: Tally, item, kind: str) -> None:
    tally.received += 1
    tally.dislikes += item.dislikes
    if kind in ("on_time", "late"):
        tally.answered += 1
        if kind == "on_time":
            tally.answered_on_time += 1
            tally.handled_on_time += 1
        else:
            tally.answered_late += 1
    elif kind.startswith("refused"):
        tally.refused += 1
        if kind == "refused_on_time":
            tally.handled_on_time += 1
    elif kind == "in_time":
        tally.open_in_time += 1
    else:
        tally.overdue += 1


def compute(rows, date_from: dt.date, date_to: dt.date, today: dt.date) -> Statistics:
    total = Tally(_("Tổng cộng"))
    units: dict[int, Tally] = {}
    unit_keys: dict[int, str] = {}
    subjects: OrderedDict[str, Tally] = OrderedDict(
        (value, Tally(str(label))) for value, label in SubjectKind.choices
    )
    for item in rows:
        kind = classify(item, today)
        _add(total, item, kind)
        if item.unit_id not in units:
            units[item.unit_id] = Tally(item.unit.name)
            unit_keys[item.unit_id] = item.unit.sort_name
        _add(units[item.unit_id], item, kind)
        _add(subjects[item.subject_kind], item, kind)
    by_unit = [units[key] for key in sorted(units, key=lambda k: unit_keys[k])]
    return Statistics(
        date_from=date_from,
        date_to=date_to,
        today=today,
        total=total,
        by_unit=by_unit,
        by_subject=[t for t in subjects.values() if t.received],
    )


def columns() -> list[tuple[str, str]]:
    return [
        ("received", _("Tiếp nhận")),
        ("refused", _("Không tiếp nhận")),
        ("answered_on_time", _("Trả lời đúng hạn")),
        ("answered_late", _("Trả lời quá hạn")),
        ("open_in_time", _("Đang xử lý trong hạn")),
        ("overdue", _("Quá hạn chưa xử lý")),
        ("dislikes", _("Lượt không hài lòng")),
    ]


def to_xlsx(stats: Statistics) -> bytes:
    book = Workbook()
    for sheet_index, (title, tallies) in enumerate(
        ((_("Theo đơn vị"), stats.by_unit), (_("Theo đối tượng"), stats.by_subject))
    ):
        sheet = book.active if sheet_index == 0 else book.create_sheet()
        sheet.title = title
        sheet.append(
            [
                _("Thống kê phản ánh, kiến nghị từ %(a)s đến %(b)s")
                % {"a": f"{stats.date_from:%d/%m/%Y}", "b": f"{stats.date_to:%d/%m/%Y}"}
            ]
        )
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append([_("Số liệu tính đến ngày %(d)s") % {"d": f"{stats.today:%d/%m/%Y}"}])
        header = [_("Đơn vị") if sheet_index == 0 else _("Đối tượng")]
        header += [label for _key, label in columns()] + [_("Tỷ lệ đúng hạn (%)")]
        sheet.append(header)
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for tally in [*tallies, stats.total]:
            rate = tally.on_time_rate
            sheet.append([tally.label, *[getattr(tally, key) for key, _l in columns()], rate])
        sheet.column_dimensions["A"].width = 50
        for index in range(2, len(header) + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 16
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


BAR_PARTS = (
    ("answered_on_time", "#1c7c3a"),
    ("answered_late", "#a35a00"),
    ("open_in_time", "#0b5cad"),
    ("overdue", "#b3151b"),
    ("refused", "#8a8f9c"),
)


def bar_chart_svg(tallies: list[Tally]) -> str:
    """Horizontal stacked bars per unit, drawn with SVG attributes only (strict CSP)."""
    labels = dict(columns())
    row_h, label_w, bar_w = 26, 330, 420
    height = 40 + row_h * max(len(tallies), 1)
    width = label_w + bar_w + 60
    biggest = max((t.received for t in tallies), default=0) or 1
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="fb-chart-title" '
        'font-family="Noto Sans, Liberation Sans, sans-serif" font-size="12">',
        f'<title id="fb-chart-title">{escape(_("Phản ánh theo đơn vị và tiến độ xử lý"))}</title>',
    ]
    x = 10
    for key, colour in BAR_PARTS:
        out.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{x + 16}" y="16">{escape(str(labels[key]))}</text>')
        x += 16 + 7 * len(str(labels[key])) + 10
    for index, tally in enumerate(tallies):
        y = 30 + index * row_h
        out.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">'
            f"{escape(tally.label[:48])}</text>"
        )
        x = label_w
        for key, colour in BAR_PARTS:
            value = getattr(tally, key)
            if value:
                w = bar_w * value / biggest
                out.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" '
                    f'fill="{colour}"><title>{escape(str(labels[key]))}: {value}</title></rect>'
                )
                x += w
        out.append(f'<text x="{x + 6:.1f}" y="{y + 15}">{tally.received}</text>')
    out.append("</svg>")
    return "".join(out)
