"""Excel workbook of the wards × facility kinds matrix."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from .selectors import Matrix

LACK = PatternFill("solid", fgColor="FDE8E8")
BUILDING = PatternFill("solid", fgColor="FFF8D6")


def matrix_xlsx(data: Matrix) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Ma trận hạ tầng")[:31]
    sheet.append([_("Phường"), _("Số tổ dân phố"), *[k.name for k in data.kinds], _("Còn thiếu")])
    for row in data.rows:
        values = [
            f"{c.operating}/{c.required}" + (f" (+{c.building})" if c.building else "")
            for c in row.cells
        ]
        sheet.append(
            [
                row.ward.name,
                row.residential_groups,
                *values,
                "; ".join(f"{c.kind.name}: {c.missing}" for c in row.lacking),
            ]
        )
        for index, cell in enumerate(row.cells, start=3):
            if cell.state == "lack":
                sheet.cell(row=sheet.max_row, column=index).fill = LACK
            elif cell.state == "building":
                sheet.cell(row=sheet.max_row, column=index).fill = BUILDING
    sheet.append([_("Tổng số còn thiếu"), None, *data.missing_by_kind()])
    sheet.append([_("Tổng số đang xây dựng"), None, *data.building_by_kind()])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 28
    sheet.freeze_panes = "C2"
    note = book.create_sheet(_("Chú thích")[:31])
    note.append([_("Mỗi ô: số đang hoạt động / số yêu cầu; (+n): số đang xây dựng.")])
    note.append([_("Ô đỏ: còn thiếu; ô vàng: còn thiếu nhưng đang xây dựng đủ.")])
    details = book.create_sheet(_("Chi tiết")[:31])
    details.append(
        [_("Phường"), _("Loại"), _("Yêu cầu"), _("Đang hoạt động"), _("Đang xây dựng"),
         _("Đã quy hoạch"), _("Còn thiếu")]
    )  # fmt: skip
    for row in data.rows:
        for c in row.cells:
            details.append(
                [row.ward.name, c.kind.name, c.required, c.operating, c.building, c.planned,
                 c.missing]
            )  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
