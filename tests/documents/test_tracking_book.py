"""The tracking book: CSV for machines, XLSX and PDF for people, the same rows in each."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from motcua.core.errors import DomainError
from motcua.documents.slips import book_entry_number
from motcua.documents.tracking import (
    CSV_COLUMNS,
    tracking_book_csv,
    tracking_book_pdf,
    tracking_book_rows,
    tracking_book_xlsx,
)
from motcua.dossiers import services
from motcua.dossiers.models import Channel
from tests.documents.pdftools import page_size, pdf_text
from tests.documents.scenarios import (
    APPLICANT_NAME,
    PROCEDURE_NAME,
    R2018,
    R2025,
    processing,
    received,
    refused,
    supplement_requested,
    through_all_steps,
)
from tests.dossiers.factories import desk_dossier, local, online_dossier

EXPORTED_AT = R2025.at(9, 12)  # Thursday 19/03/2026 12:00, after the 5-day due (17/03 10:00)
DAY0 = R2025.d0


def _late(world):
    """Received 10/03 10:00, due 17/03 10:00, resolved 18/03 16:00."""
    dossier = processing(world, R2025)
    dossier = services.hand_over(actor=world.specialist, dossier=dossier, at=R2025.at(0, 15))
    dossier = services.hand_over(actor=world.leader, dossier=dossier, at=R2025.at(1, 16))
    return services.resolve_dossier(
        actor=world.agency_leader, dossier=dossier, granted=True, at=R2025.at(8, 16)
    )


@pytest.fixture
def book(world):
    """Five entries on Tuesday 10/03/2026, one of each outcome class, and one the day after."""
    entries = {
        "refused": refused(world, R2025),  # 09:00
        "early": through_all_steps(world, R2025),  # 10:00, resolved 12/03
        "overdue": received(world, R2025),
        "in_time_paused": supplement_requested(world, R2025),
        "late": _late(world),
    }
    entries["next_day"] = desk_dossier(world, at=R2025.at(1, 8, 30))
    return world, entries


def _csv_rows(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM for Excel"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def other_unit_dossier(world, *, at):
    """A dossier received by another unit's desk (in that unit's book, not in ours)."""
    return services.receive_at_desk(
        actor=world.other_officer,
        procedure_code=world.version.procedure.code,
        unit_code=world.other_desk.code,
        channel=Channel.DIRECT,
        applicant={"kind": "person", "name": "Trần Văn An"},
        parts_received=[p.pk for p in world.parts if p.required],
        received_at=at,
    )


def test_csv_has_the_agreed_columns_in_order_and_utf8_with_bom(book):
    world, _ = book

    data = tracking_book_csv(world.desk, DAY0, DAY0, at=EXPORTED_AT)

    header = data.decode("utf-8-sig").splitlines()[0]
    assert header == (
        "code,procedure_code,procedure_name,channel,applicant_name,received_at,"
        "clock_start_at,due_at,finished_at,returned_at,status_code,outcome"
    )
    assert tuple(header.split(",")) == CSV_COLUMNS


def test_csv_rows_carry_local_iso_instants_status_codes_and_outcome_at_the_export(book):
    world, entries = book

    rows = {
        r["code"]: r for r in _csv_rows(tracking_book_csv(world.desk, DAY0, DAY0, at=EXPORTED_AT))
    }

    assert set(rows) == {entries[k].code for k in entries if k != "next_day"}
    early = rows[entries["early"].code]
    assert early["procedure_code"] == "1.009994"
    assert early["procedure_name"] == PROCEDURE_NAME
    assert early["applicant_name"] == APPLICANT_NAME
    assert early["channel"] == "1"
    assert early["received_at"] == "2026-03-10T10:00:00+07:00"
    assert early["clock_start_at"] == "2026-03-10T10:00:00+07:00"
    assert early["due_at"] == "2026-03-17T10:00:00+07:00"
    assert early["finished_at"] == "2026-03-12T16:00:00+07:00"
    assert early["returned_at"] == ""
    assert early["status_code"] == "9"
    assert early["outcome"] == "early"
    assert rows[entries["late"].code]["outcome"] == "late"
    assert rows[entries["overdue"].code]["outcome"] == "overdue"
    assert rows[entries["in_time_paused"].code]["outcome"] == "in_time"
    assert rows[entries["in_time_paused"].code]["status_code"] == "5"
    refused_row = rows[entries["refused"].code]
    assert refused_row["outcome"] == ""
    assert refused_row["status_code"] == "3"
    assert refused_row["received_at"] == ""
    assert refused_row["channel"] == "2"


def test_open_dossiers_are_in_time_before_their_due(book):
    world, entries = book

    rows = tracking_book_rows(world.desk, DAY0, DAY0, at=R2025.at(2, 12))

    by_code = {row.dossier.code: row.outcome for row in rows}
    assert by_code[entries["overdue"].code] == "in_time"
    assert by_code[entries["early"].code] == "early"


def test_rows_are_numbered_in_order_of_receipt_and_the_numbering_runs_on_across_periods(book):
    world, entries = book

    day0 = tracking_book_rows(world.desk, DAY0, DAY0, at=EXPORTED_AT)
    day1 = tracking_book_rows(
        world.desk, R2025.d0 + dt.timedelta(days=1), R2025.d0 + dt.timedelta(days=1), at=EXPORTED_AT
    )

    assert [row.number for row in day0] == [1, 2, 3, 4, 5]
    assert day0[0].dossier.code == entries["refused"].code
    assert [(row.number, row.dossier.code) for row in day1] == [(6, entries["next_day"].code)]
    assert book_entry_number(entries["next_day"]) == 6


def test_numbering_restarts_with_each_calendar_year(world):
    december = desk_dossier(world, at=local(2025, 12, 31, 16, 0))
    january = desk_dossier(world, at=local(2026, 1, 5, 8, 30))

    rows = tracking_book_rows(world.desk, dt.date(2025, 12, 1), dt.date(2026, 1, 31))

    assert [(row.number, row.dossier.code) for row in rows] == [
        (1, december.code),
        (1, january.code),
    ]
    assert book_entry_number(january) == 1


def test_book_numbers_at_the_edges_of_the_year_and_of_an_instant(world, django_assert_num_queries):
    """Local midnight starts the year (17:00 UTC the day before); at one instant, receipts and
    refusals follow their ids; other units and other years are not counted."""
    new_year = local(2026, 1, 1, 0, 0)
    last_of_2025 = desk_dossier(world, at=new_year - dt.timedelta(seconds=1))
    refused_in_2025 = online_dossier(world, at=local(2025, 12, 31, 8))
    services.refuse_dossier(
        actor=world.officer,
        dossier=refused_in_2025,
        reason="Sai thẩm quyền",
        at=last_of_2025.received_at,
    )
    first_of_2026 = desk_dossier(world, at=new_year)
    morning = local(2026, 1, 2, 8)
    refused_at_eight = online_dossier(world, at=local(2026, 1, 2, 7))
    services.refuse_dossier(
        actor=world.officer, dossier=refused_at_eight, reason="Sai thẩm quyền", at=morning
    )
    at_eight = [desk_dossier(world, at=morning) for _ in range(2)]
    other_unit_dossier(world, at=morning)

    rows = tracking_book_rows(world.desk, dt.date(2025, 12, 31), dt.date(2026, 1, 2))
    numbers = {row.dossier.pk: row.number for row in rows}
    assert [numbers[d.pk] for d in (last_of_2025, refused_in_2025)] == [1, 2]  # same instant
    assert [numbers[d.pk] for d in (first_of_2026, refused_at_eight, *at_eight)] == [1, 2, 3, 4]
    with django_assert_num_queries(1):
        assert book_entry_number(first_of_2026) == 1
    assert [book_entry_number(d) for d in at_eight] == [3, 4]
    assert book_entry_number(last_of_2025) == 1


def test_other_units_dossiers_are_not_in_the_book(book):
    world, _ = book

    assert tracking_book_rows(world.other_desk, DAY0, DAY0) == []


def test_a_period_that_ends_before_it_starts_is_refused(world):
    with pytest.raises(DomainError) as refused_period:
        tracking_book_csv(world.desk, dt.date(2026, 3, 31), dt.date(2026, 3, 1))

    assert refused_period.value.code == "bad_period"
    assert "Ngày bắt đầu" in refused_period.value.message


@pytest.mark.parametrize("count", [1, 10])
def test_exports_run_a_fixed_number_of_queries_whatever_the_rows(
    world, count, django_assert_max_num_queries
):
    for minute in range(count):
        desk_dossier(world, at=R2025.at(0, 9, minute))

    with django_assert_max_num_queries(2):
        data = tracking_book_csv(world.desk, DAY0, DAY0, at=EXPORTED_AT)
    with django_assert_max_num_queries(2):
        tracking_book_xlsx(world.desk, DAY0, DAY0, at=EXPORTED_AT)

    assert len(_csv_rows(data)) == count


def test_xlsx_has_a_title_a_vietnamese_header_and_the_csv_rows(book):
    world, entries = book

    sheet = load_workbook(
        io.BytesIO(tracking_book_xlsx(world.desk, DAY0, DAY0, at=EXPORTED_AT))
    ).active

    assert sheet["A1"].value.startswith("SỔ THEO DÕI HỒ SƠ — Bộ phận Một cửa quận Nam Từ Liêm")
    assert "Mẫu số 07" in sheet["A2"].value
    assert "từ ngày 10/03/2026 đến ngày 10/03/2026" in sheet["A2"].value
    header = [cell.value for cell in sheet[3]]
    assert header[:3] == ["Mã hồ sơ", "Mã thủ tục", "Tên thủ tục"]
    assert header[-1] == "Tiến độ"
    assert len(header) == len(CSV_COLUMNS)
    rows = {row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert len(rows) == 5
    early = rows[entries["early"].code]
    assert early[1] == "1.009994"
    assert early[2] == PROCEDURE_NAME
    assert early[4] == APPLICANT_NAME
    assert early[5] == dt.datetime(2026, 3, 10, 10, 0)
    assert early[7] == dt.datetime(2026, 3, 17, 10, 0)
    assert early[10] == 9
    assert early[11] == "Trước hạn"
    assert rows[entries["overdue"].code][11] == "Quá hạn (chưa xong)"
    assert rows[entries["refused"].code][11] in (None, "")


def test_pdf_book_is_a4_landscape_with_the_regimes_form_number(book):
    world, entries = book

    pdf = tracking_book_pdf(world.desk, DAY0, DAY0, at=EXPORTED_AT)

    width, height = page_size(pdf)
    assert (round(width, 1), round(height, 1)) == (841.9, 595.3)
    text = pdf_text(pdf)
    assert "Mẫu số 07" in text
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert "Từ ngày 10/03/2026 đến ngày 10/03/2026" in text
    for key in ("refused", "early", "overdue", "in_time_paused", "late"):
        assert entries[key].code in text
    assert entries["next_day"].code not in text
    assert "Nguyễn Thị Hồng Nhung" in text
    assert "17/03/2026" in text  # the due dates
    assert "Trước hạn" in text and "Trong hạn" in text


def test_pdf_book_of_a_2018_period_uses_circular_01_numbering(world):
    dossier = received(world, R2018)

    text = pdf_text(tracking_book_pdf(world.desk, R2018.d0, R2018.d0))

    assert "Mẫu số 06" in text
    assert "Mẫu số 07" not in text
    assert "Từ ngày 12/03/2024 đến ngày 12/03/2024" in text
    assert dossier.code in text


def test_book_numbers_read_across_months_and_days_agree_with_the_book(world):
    """The earlier months and days of the year come from the statistics rollups, the
    dossier's own day from the dossiers: the numbers are those of the exported book."""
    instants = [
        local(2026, 1, 2, 9), local(2026, 1, 2, 9), local(2026, 1, 30, 15),
        local(2026, 2, 3, 8), local(2026, 3, 2, 10), local(2026, 3, 2, 14),
        local(2026, 3, 4, 8, 30),
    ]  # fmt: skip
    dossiers = [desk_dossier(world, at=at) for at in instants]
    refused = online_dossier(world, at=local(2026, 2, 27, 9))
    services.refuse_dossier(
        actor=world.officer, dossier=refused, reason="Sai thẩm quyền", at=local(2026, 3, 2, 11)
    )
    desk_dossier(world, at=local(2025, 12, 31, 9))  # last year's book
    other_unit_dossier(world, at=local(2026, 2, 3, 7))  # another unit's book

    rows = tracking_book_rows(world.desk, dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    numbers = {row.dossier.pk: row.number for row in rows}

    assert [numbers[d.pk] for d in dossiers] == [1, 2, 3, 4, 5, 7, 8]
    assert numbers[refused.pk] == 6
    assert [book_entry_number(d) for d in dossiers] == [1, 2, 3, 4, 5, 7, 8]
