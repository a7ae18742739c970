"""Excel workbook of the construction-order figures: per ward and year, trend, ranking."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .figures import Figures

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(book, title: str, headers: list[str], rows: list[list], *, first: bool = False):
    sheet = book.active if first else book.create_sheet()
    sheet.title = title[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(row)
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(header) + 4))
    sheet.freeze_panes = "A2"
    return sheet


def _percent(value: float | None):
    return None if value is None else round(value, 4)


def figures_xlsx(data: Figures, *, ranking_year: int) -> bytes:
    book = Workbook()
    headers = [
        _("Phường"),
        _("Năm"),
        _("Giấy phép đã cấp"),
        _("Lượt kiểm tra theo kế hoạch"),
        _("Đã kiểm tra"),
        _("Kiểm tra muộn"),
        _("Quá hạn chưa kiểm tra"),
        _("Vi phạm phát hiện"),
        _("Vi phạm đã xử lý xong"),
        _("Xây dựng không phép"),
        _("Tiền phạt (đồng)"),
    ]
    rows = [
        [
            r.ward_name, r.year, r.permits, r.inspections_due, r.inspections_done,
            r.inspections_late, r.inspections_overdue, r.violations_found,
            r.violations_resolved, r.unlicensed, r.fines,
        ]
        for r in data.rows
    ]  # fmt: skip
    sheet = _sheet(book, _("Theo phường và năm"), headers, rows, first=True)
    for row in sheet.iter_rows(min_row=2, min_col=11, max_col=11):
        for cell in row:
            cell.number_format = "#,##0"
    trend = [[p.year, p.unlicensed, p.violations, _percent(p.change)] for p in data.trend]
    sheet = _sheet(
        book,
        _("Xu hướng không phép"),
        [_("Năm"), _("Xây dựng không phép"), _("Tổng số vi phạm"), _("Thay đổi so với năm trước")],
        trend,
    )
    for row in sheet.iter_rows(min_row=2, min_col=4, max_col=4):
        for cell in row:
            cell.number_format = "0.0%"
    ranking = [
        [
            rank, r.ward_name, _percent(r.resolution_rate), _percent(r.inspection_rate),
            r.unlicensed, r.violations_found,
        ]
        for rank, r in data.ranking(ranking_year)
    ]  # fmt: skip
    sheet = _sheet(
        book,
        _("Xếp hạng %(year)d") % {"year": ranking_year},
        [
            _("Hạng"),
            _("Phường"),
            _("Tỷ lệ vi phạm đã xử lý xong"),
            _("Tỷ lệ kiểm tra đúng kế hoạch"),
            _("Xây dựng không phép"),
            _("Vi phạm phát hiện"),
        ],
        ranking,
    )
    for row in sheet.iter_rows(min_row=2, min_col=3, max_col=4):
        for cell in row:
            cell.number_format = "0.0%"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
