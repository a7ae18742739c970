"""A slip is laid out once per content: reprints are the same file, changed content prints anew."""

import datetime as dt
import hashlib

import pytest
from django.db import DatabaseError

from motcua.documents import slips
from motcua.documents.models import IssuedSlip
from motcua.documents.slips import book_entry_number, render_slip
from motcua.documents.tracking import tracking_book_rows
from motcua.dossiers.models import Dossier
from tests.documents.pdftools import page_size, pdf_text
from tests.documents.scenarios import R2025, received, refused

A4_WIDTH = 595.3


def _no_layout(html):
    raise AssertionError("the slip was laid out again")


def test_a_reprint_is_the_first_file_byte_for_byte(world, monkeypatch, django_assert_num_queries):
    dossier = received(world, R2025)
    first = render_slip(dossier, "receipt_slip")
    assert first.startswith(b"%PDF-")
    assert f"Quyển số: {R2025.d0.year}, Số thứ tự: 1" in pdf_text(first)
    assert IssuedSlip.objects.filter(dossier=dossier, kind="receipt_slip").count() == 1

    monkeypatch.setattr(slips, "html_to_pdf", _no_layout)
    fresh = Dossier.objects.get(pk=dossier.pk)
    with django_assert_num_queries(6):  # the slip's content (5), then the stored file
        again = render_slip(fresh, "receipt_slip")
    assert again == first
    assert IssuedSlip.objects.count() == 1


def test_a_slip_whose_content_changed_is_printed_again(world):
    dossier = received(world, R2025)
    before = render_slip(dossier, "receipt_slip")
    new_date = R2025.at(9, 15)
    Dossier.objects.filter(pk=dossier.pk).update(appointment_at=new_date)

    after = render_slip(Dossier.objects.get(pk=dossier.pk), "receipt_slip")

    assert after != before
    text = pdf_text(after)
    assert f"15 giờ 00 phút, ngày {R2025.text(9)}" in text
    assert f"15 giờ 00 phút, ngày {R2025.text(9)}" not in pdf_text(before)
    assert IssuedSlip.objects.filter(dossier=dossier, kind="receipt_slip").count() == 2
    assert render_slip(Dossier.objects.get(pk=dossier.pk), "receipt_slip") == after


def test_each_paper_and_each_kind_is_kept_apart(world):
    dossier = received(world, R2025)
    a5 = render_slip(dossier, "receipt_slip")
    a4 = render_slip(dossier, "receipt_slip", paper="A4")
    control = render_slip(dossier, "control_slip")
    assert len({a5, a4, control}) == 3
    assert round(page_size(a4)[0], 1) == A4_WIDTH
    assert render_slip(dossier, "receipt_slip", paper="A4") == a4
    assert IssuedSlip.objects.filter(dossier=dossier).count() == 3


def test_unavailable_slips_are_refused_and_not_stored(world):
    dossier = received(world, R2025)
    with pytest.raises(slips.DomainError) as refusal:
        render_slip(dossier, "refusal_slip")
    assert refusal.value.code == "slip_not_available"
    assert not IssuedSlip.objects.exists()


def test_when_the_file_cannot_be_stored_the_slip_is_still_printed(world, monkeypatch):
    dossier = received(world, R2025)

    def refuse(*args, **kwargs):
        raise DatabaseError("read-only")

    monkeypatch.setattr(IssuedSlip, "save", refuse)
    pdf = render_slip(dossier, "receipt_slip")
    assert dossier.code in pdf_text(pdf)
    assert not IssuedSlip.objects.exists()
    assert Dossier.objects.filter(pk=dossier.pk).exists()  # the transaction is still usable


@pytest.mark.django_db(transaction=True)
def test_a_first_printing_stores_its_file_in_one_statement(world, django_assert_num_queries):
    dossier = received(world, R2025)
    IssuedSlip.objects.all().delete()  # the receipt notification's attachment, once committed
    with django_assert_num_queries(7):  # the slip's content (5), not stored yet, the insert
        pdf = render_slip(dossier, "receipt_slip")
    assert IssuedSlip.objects.get(dossier=dossier).pdf == pdf


def test_when_another_request_stored_the_slip_meanwhile_its_file_wins(world, monkeypatch):
    dossier = received(world, R2025)
    html = slips.render_slip_html(dossier, "receipt_slip")
    digest = hashlib.sha256(html.encode()).hexdigest()
    meanwhile = b"%PDF-1.7 printed by another request"
    stored = slips._stored

    def not_yet(*args):
        # Looked up before the layout: not there yet; then the other request stores it.
        monkeypatch.setattr(slips, "_stored", stored)
        IssuedSlip.objects.create(
            dossier=dossier, kind="receipt_slip", digest=digest, pdf=meanwhile
        )

    monkeypatch.setattr(slips, "_stored", not_yet)
    assert render_slip(dossier, "receipt_slip") == meanwhile
    assert IssuedSlip.objects.filter(dossier=dossier).count() == 1


def test_the_book_number_counts_receipts_and_refusals_as_the_book_does(world):
    first = received(world, R2025)  # 10:00
    refused(world, R2025)  # submitted 08:30, refused 09:00: before the first receipt
    later = received(world, dataclass_replace_day(R2025, 1))
    again = received(world, dataclass_replace_day(R2025, 1))  # the same minute: by id
    rows = tracking_book_rows(world.desk, R2025.d0, R2025.d0 + dt.timedelta(days=1))
    numbers = {row.dossier.pk: row.number for row in rows}
    assert len(rows) == 4
    for dossier in (first, later, again):
        assert book_entry_number(dossier) == numbers[dossier.pk]
    assert [book_entry_number(d) for d in (first, later, again)] == [2, 3, 4]


def dataclass_replace_day(days, offset: int):
    """The scenario's days moved `offset` days on (same weekday rules do not matter here)."""
    return type(days)(days.d0 + dt.timedelta(days=offset), days.regime)
