"""Excel (openpyxl) of the dashboard tables and the scorecard; the scorecard as PDF."""

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .definitions import Figures

COUNT_FMT = "#,##0"
RATE_FMT = "0.00%"
DAYS_FMT = "0.00"
POINTS_FMT = "0.00"


def figure_columns():
    """(header, value of a Figures, number format) for each exported column."""
    return [
        (_("Tiếp nhận"), lambda f: f.received, COUNT_FMT),
        (_("Trực tuyến"), lambda f: f.received_online, COUNT_FMT),
        (_("Từ chối tiếp nhận"), lambda f: f.refused, COUNT_FMT),
        (_("Đã giải quyết"), lambda f: f.resolved, COUNT_FMT),
        (_("Trước hạn"), lambda f: f.early, COUNT_FMT),
        (_("Đúng hạn"), lambda f: f.on_time, COUNT_FMT),
        (_("Quá hạn"), lambda f: f.late, COUNT_FMT),
        (_("Đang giải quyết trong hạn"), lambda f: f.open_in_time, COUNT_FMT),
        (_("Đang giải quyết quá hạn"), lambda f: f.open_overdue, COUNT_FMT),
        (_("Rút hồ sơ"), lambda f: f.withdrawn, COUNT_FMT),
        (_("Dừng xử lý"), lambda f: f.stopped, COUNT_FMT),
        (_("Yêu cầu bổ sung"), lambda f: f.supplements, COUNT_FMT),
        (_("Xin lỗi"), lambda f: f.apologies, COUNT_FMT),
        (_("Tỷ lệ đúng hạn"), lambda f: f.on_time_rate, RATE_FMT),
        (_("Tỷ lệ trước hạn"), lambda f: f.early_rate, RATE_FMT),
        (_("Tỷ lệ trực tuyến"), lambda f: f.online_rate, RATE_FMT),
        (_("Tỷ lệ thanh toán trực tuyến"), lambda f: f.online_payment_rate, RATE_FMT),
        (_("Chỉ số hài lòng"), lambda f: f.satisfaction_index, RATE_FMT),
        (_("Thời gian xử lý TB (ngày làm việc)"), lambda f: f.avg_processing_days, DAYS_FMT),
    ]


def _header(sheet, headers: list[str]) -> None:
    sheet.append(headers)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def figures_xlsx(
    *, title: str, subtitle: str, key_header: str, rows: list[tuple[str, str, Figures]], total
) -> bytes:
    """One table: a row per group (code, name, figures) and a total row."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Số liệu")
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([subtitle])
    columns = figure_columns()
    _header(sheet, [_("Mã"), key_header] + [c[0] for c in columns])
    for key, label, figures in [*rows, ("", _("Tổng cộng"), total)]:
        sheet.append([key, label] + [c[1](figures) for c in columns])
        for cell, (_h, _v, fmt) in zip(sheet[sheet.max_row][2:], columns, strict=True):
            cell.number_format = fmt
    sheet.column_dimensions["B"].width = 48
    sheet.freeze_panes = "C4"
    return _save(book)


def scorecard_xlsx(report) -> bytes:
    """The unit's points per indicator, then the ranking sheet."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Bộ chỉ số")
    sheet.append([_("Bộ chỉ số 766 — %(unit)s") % {"unit": report.unit.name}])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([f"{report.period.start:%d/%m/%Y} – {report.period.end:%d/%m/%Y}"])
    _header(
        sheet,
        [_("Chỉ số"), _("Nội dung"), _("Tử số"), _("Mẫu số"), _("Tỷ lệ"), _("Ngưỡng"),
         _("Điểm tối đa"), _("Điểm"), _("Ghi chú")],
    )  # fmt: skip
    formats = (None, None, COUNT_FMT, COUNT_FMT, RATE_FMT, RATE_FMT, POINTS_FMT, POINTS_FMT)
    for group in report.score.groups:
        sheet.append([group.code, group.name, None, None, None, None, group.max_points,
                      group.points])  # fmt: skip
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for item in group.indicators:
            sheet.append(
                [item.code, item.name, item.numerator, item.denominator, item.rate,
                 item.threshold, item.max_points, item.points,
                 item.note or ("N/A" if item.points is None and item.max_points else "")]
            )  # fmt: skip
        for row in sheet.iter_rows(min_row=sheet.max_row - len(group.indicators)):
            for cell, fmt in zip(row, formats, strict=False):
                if fmt:
                    cell.number_format = fmt
    sheet.append([_("Tổng điểm"), "", None, None, None, None, 100, report.score.total])
    sheet.cell(sheet.max_row, 8).number_format = POINTS_FMT
    band = report.score.band
    sheet.append([_("Xếp loại"), band["label"] if band else "N/A"])
    sheet.column_dimensions["B"].width = 60
    ranking = book.create_sheet(_("Xếp hạng"))
    _header(
        ranking,
        [_("Hạng"), _("Mã đơn vị"), _("Đơn vị"), _("Tổng điểm"), _("Xếp loại"),
         _("Hạng kỳ trước"), _("Thay đổi")],
    )  # fmt: skip
    for score in report.ranking:
        ranking.append(
            [score.rank, score.unit.code, score.unit.name, score.total,
             score.band["label"] if score.band else "N/A", score.previous_rank,
             score.rank_change]
        )  # fmt: skip
        ranking.cell(ranking.max_row, 4).number_format = POINTS_FMT
    ranking.column_dimensions["C"].width = 48
    return _save(book)


def scorecard_pdf(report) -> bytes:
    from motcua.documents.pdf import html_to_pdf

    html = render_to_string("reports/scorecard_pdf.html", {"report": report})
    return html_to_pdf(html)
