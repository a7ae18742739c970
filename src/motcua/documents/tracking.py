"""The tracking book (Sổ theo dõi hồ sơ, Mẫu 06 r2018 / Mẫu 07 r2025) as PDF, CSV and XLSX.

    tracking_book_rows(unit, date_from, date_to, *, at=None) -> list[BookRow]
    tracking_book_pdf(unit, date_from, date_to, *, at=None) -> bytes
    tracking_book_csv(unit, date_from, date_to, *, at=None) -> bytes   # UTF-8 with BOM
    tracking_book_xlsx(unit, date_from, date_to, *, at=None) -> bytes
    tracking_book(unit, date_from, date_to, *, fmt="pdf", at=None) -> bytes  # pdf | csv | xlsx

The book of a receiving `unit` holds one row per dossier it received, and per submission it
refused, with the receipt (or refusal) instant between the local dates `date_from` and
`date_to` inclusive. Rows are numbered from 1 each calendar year in order of receipt; the
receipt slip prints the same number. `at` is the instant open dossiers are classified at
(in time / overdue, DOMAIN §6.6), default now. A fixed number of queries whatever the rows.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from motcua.core.errors import DomainError
from motcua.dossiers.deadlines import IN_TIME, OVERDUE, classify_finish, open_outcome
from motcua.dossiers.models import (
    Channel,
    Dossier,
    DossierEvent,
    DossierStep,
    Outcome,
    SlipKind,
    Status,
    regime_on,
)
from motcua.organization.models import Unit

from .formsets import form_for
from .letterhead import place_of
from .pdf import html_to_pdf

CSV_COLUMNS: tuple[str, ...] = (
    "code",
    "procedure_code",
    "procedure_name",
    "channel",
    "applicant_name",
    "received_at",
    "clock_start_at",
    "due_at",
    "finished_at",
    "returned_at",
    "status_code",
    "outcome",
)


def vietnamese_headers() -> tuple[str, ...]:
    return (
        _("Mã hồ sơ"),
        _("Mã thủ tục"),
        _("Tên thủ tục"),
        _("Kênh tiếp nhận"),
        _("Tên cá nhân, tổ chức"),
        _("Thời điểm tiếp nhận"),
        _("Bắt đầu tính thời hạn"),
        _("Hạn giải quyết"),
        _("Thời điểm kết thúc"),
        _("Thời điểm trả kết quả"),
        _("Mã trạng thái"),
        _("Tiến độ"),
    )


def outcome_labels() -> dict[str, str]:
    return {
        **{value: str(label) for value, label in Outcome.choices},
        IN_TIME: _("Trong hạn"),
        OVERDUE: _("Quá hạn (chưa xong)"),
    }


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=local_zone())


def year_start(year: int) -> dt.datetime:
    return day_start(dt.date(year, 1, 1))


def book_entries(unit: Unit) -> QuerySet:
    """Dossiers in `unit`'s tracking book, annotated with `book_at`: receipt or refusal."""
    refused_at = (
        DossierEvent.objects.filter(dossier=OuterRef("pk"), action="refuse")
        .order_by("seq")
        .values("at")[:1]
    )
    return (
        Dossier.objects.filter(receiving_unit=unit)
        .filter(Q(received_at__isnull=False) | Q(status=Status.REFUSED))
        .annotate(book_at=Coalesce("received_at", Subquery(refused_at)))
    )


@dataclass
class BookRow:
    number: int
    dossier: Dossier
    outcome: str  # early/on_time/late/in_time/overdue, or "" (refused, not yet classified)
    transferred_at: dt.datetime | None

    @property
    def outcome_label(self) -> str:
        return outcome_labels().get(self.outcome, "")


def _outcome(dossier: Dossier, at: dt.datetime) -> str:
    if dossier.status == Status.REFUSED or dossier.due_at is None:
        return ""
    if dossier.finished_at is not None:
        return dossier.outcome or classify_finish(dossier.finished_at, dossier.due_at)
    return open_outcome(dossier, at) or ""


def _check_period(date_from: dt.date, date_to: dt.date) -> None:
    if date_from > date_to:
        raise DomainError(
            "bad_period", _("Ngày bắt đầu phải trước hoặc bằng ngày kết thúc của kỳ báo cáo.")
        )


def tracking_book_rows(
    unit: Unit, date_from: dt.date, date_to: dt.date, *, at: dt.datetime | None = None
) -> list[BookRow]:
    """The book's rows for the period, numbered, with their outcome at `at`. Two queries."""
    _check_period(date_from, date_to)
    at = at or timezone.now()
    start, end = day_start(date_from), day_start(date_to + dt.timedelta(days=1))
    entries = book_entries(unit)
    before = entries.filter(book_at__gte=year_start(date_from.year), book_at__lt=start).count()
    first_step = (
        DossierStep.objects.filter(dossier=OuterRef("pk")).order_by("order").values("started_at")
    )
    dossiers = (
        entries.filter(book_at__gte=start, book_at__lt=end)
        .select_related("procedure_version__procedure", "competent_unit")
        .annotate(transferred_at=Subquery(first_step[:1]))
        .order_by("book_at", "pk")
    )
    rows, number, year = [], before, date_from.year
    zone = local_zone()
    for dossier in dossiers:
        row_year = dossier.book_at.astimezone(zone).year
        if row_year != year:
            number, year = 0, row_year
        number += 1
        rows.append(BookRow(number, dossier, _outcome(dossier, at), dossier.transferred_at))
    return rows


def _iso(value: dt.datetime | None) -> str:
    return value.astimezone(local_zone()).isoformat() if value else ""


def _csv_values(dossier: Dossier, outcome: str) -> list:
    version = dossier.procedure_version
    return [
        dossier.code,
        version.procedure.code,
        version.name,
        dossier.channel,
        dossier.applicant_name,
        _iso(dossier.received_at),
        _iso(dossier.clock_start_at),
        _iso(dossier.due_at),
        _iso(dossier.finished_at),
        _iso(dossier.returned_at),
        dossier.status_code,
        outcome,
    ]


def tracking_book_csv(
    unit: Unit, date_from: dt.date, date_to: dt.date, *, at: dt.datetime | None = None
) -> bytes:
    """CSV with the columns of `CSV_COLUMNS`; instants ISO 8601 in local time; UTF-8 with BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in tracking_book_rows(unit, date_from, date_to, at=at):
        writer.writerow(_csv_values(row.dossier, row.outcome))
    return buffer.getvalue().encode("utf-8-sig")


def _title(unit: Unit, date_from: dt.date, date_to: dt.date) -> tuple[str, str]:
    form = form_for(SlipKind.TRACKING_BOOK, regime_on(date_to))
    title = f"{str(form.title).upper()} — {unit.name}"
    period = _("%(form)s — từ ngày %(start)s đến ngày %(end)s") % {
        "form": form.label,
        "start": date_from.strftime("%d/%m/%Y"),
        "end": date_to.strftime("%d/%m/%Y"),
    }
    return title, period


def _naive_local(value: dt.datetime | None) -> dt.datetime | None:
    return value.astimezone(local_zone()).replace(tzinfo=None) if value else None


def tracking_book_xlsx(
    unit: Unit, date_from: dt.date, date_to: dt.date, *, at: dt.datetime | None = None
) -> bytes:
    """The CSV's columns as a workbook: a title, a Vietnamese header row, then one row each."""
    rows = tracking_book_rows(unit, date_from, date_to, at=at)
    title, period = _title(unit, date_from, date_to)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Sổ theo dõi hồ sơ")[:31]
    width = len(CSV_COLUMNS)
    sheet.append([title])
    sheet.append([period])
    for line in (1, 2):
        sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=width)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet["A2"].alignment = Alignment(horizontal="center")
    sheet.append(list(vietnamese_headers()))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    channels = dict(Channel.choices)
    labels = outcome_labels()
    for row in rows:
        d = row.dossier
        sheet.append(
            [
                d.code,
                d.procedure_version.procedure.code,
                d.procedure_version.name,
                str(channels.get(d.channel, d.channel)),
                d.applicant_name,
                _naive_local(d.received_at),
                _naive_local(d.clock_start_at),
                _naive_local(d.due_at),
                _naive_local(d.finished_at),
                _naive_local(d.returned_at),
                d.status_code,
                labels.get(row.outcome, ""),
            ]
        )
    for column in range(6, 11):
        for cell in sheet.iter_rows(min_row=4, min_col=column, max_col=column):
            cell[0].number_format = "dd/mm/yyyy hh:mm"
    for index, size in enumerate((26, 14, 48, 12, 28, 17, 17, 17, 17, 17, 10, 16), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = size
    sheet.freeze_panes = "A4"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def tracking_book_html(
    unit: Unit, date_from: dt.date, date_to: dt.date, *, at: dt.datetime | None = None
) -> str:
    rows = tracking_book_rows(unit, date_from, date_to, at=at)
    unit = Unit.objects.select_related("parent__parent__parent").get(pk=unit.pk)
    form = form_for(SlipKind.TRACKING_BOOK, regime_on(date_to))
    return render_to_string(
        "documents/tracking_book.html",
        {
            "form": form,
            "page_size": form.page_size(),
            "issuer": unit,
            "issuer_parent": unit.parent.name if unit.parent else "",
            "place": place_of(unit),
            "issued_at": at or timezone.now(),
            "date_from": date_from,
            "date_to": date_to,
            "rows": rows,
            "closed_statuses": {Status.REFUSED, Status.WITHDRAWN, Status.STOPPED},
        },
    )


def tracking_book_pdf(
    unit: Unit, date_from: dt.date, date_to: dt.date, *, at: dt.datetime | None = None
) -> bytes:
    """The book printed on A4 landscape with the columns of the circular's form."""
    return html_to_pdf(tracking_book_html(unit, date_from, date_to, at=at))


EXPORTS = {"pdf": tracking_book_pdf, "csv": tracking_book_csv, "xlsx": tracking_book_xlsx}


def tracking_book(
    unit: Unit,
    date_from: dt.date,
    date_to: dt.date,
    *,
    fmt: str = "pdf",
    at: dt.datetime | None = None,
) -> bytes:
    """The book in one of `EXPORTS`' formats."""
    if fmt not in EXPORTS:
        raise DomainError(
            "unknown_format",
            _("Định dạng phải là một trong: %(formats)s.") % {"formats": ", ".join(EXPORTS)},
        )
    return EXPORTS[fmt](unit, date_from, date_to, at=at)
