"""The congress report of a term's targets: Excel (openpyxl) and PDF (WeasyPrint, offline)."""

import io

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from motcua.documents.pdf import html_to_pdf

from .achievement import STATUS_LABELS
from .charts import trend_svg
from .models import Direction, Term
from .selectors import scorecard


def number(value) -> str:
    if value is None:
        return ""
    text = f"{value.normalize():f}"
    whole, _dot, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + ("," + frac if frac else "")


def _years(term: Term) -> list[int]:
    return list(range(term.start_year, term.end_year + 1))


def term_xlsx(term: Term, *, today=None) -> bytes:
    groups = scorecard(term, today=today)
    years = _years(term)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Chỉ tiêu")
    sheet.append([term.name])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(
        [_("Số liệu đã phê duyệt, lập ngày %(d)s") % {"d": f"{timezone.localdate():%d/%m/%Y}"}]
    )
    header = [
        _("TT"),
        _("Chỉ tiêu"),
        _("Đơn vị tính"),
        _("Chiều đánh giá"),
        _("Đầu kỳ"),
        _("Mục tiêu"),
        *[str(y) for y in years],
        _("Kết quả mới nhất"),
        _("Tỷ lệ đạt (%)"),
        _("Đánh giá"),
        _("Đơn vị chịu trách nhiệm"),
    ]
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for group in groups:
        sheet.append([str(group.group.order), group.group.name])
        sheet.cell(row=sheet.max_row, column=2).font = Font(bold=True)
        for row in group.rows:
            target = row.target
            by_year = dict(row.series)
            sheet.append(
                [
                    f"{group.group.order}.{target.order}",
                    target.name,
                    target.unit_of_measure,
                    str(Direction(target.direction).label),
                    float(target.baseline) if target.baseline is not None else None,
                    float(target.goal),
                    *[float(by_year[y]) if y in by_year else None for y in years],
                    row.latest.period_label if row.latest else "",
                    float(row.percent) if row.percent is not None else None,
                    str(STATUS_LABELS[row.status]),
                    "; ".join(u.name for u in target.responsible_units.all()),
                ]
            )
    sheet.column_dimensions["B"].width = 60
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def term_pdf(term: Term, *, today=None) -> bytes:
    groups = scorecard(term, today=today)
    for group in groups:
        for row in group.rows:
            row.chart = trend_svg(row.series, row.goal, width=120, height=34)
    html = render_to_string(
        "targets/report_pdf.html",
        {"term": term, "groups": groups, "today": timezone.localdate(), "labels": STATUS_LABELS},
    )
    return html_to_pdf(html)
