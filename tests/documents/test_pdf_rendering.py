"""What printings reuse from the earlier ones (fonts, parsed stylesheets) changes nothing in
the file printed; the garbage collector's pace is set back once printing ends."""

import gc
import threading

import pytest
from weasyprint import HTML

from motcua.documents import pdf
from motcua.documents.pdf import (
    BASE_URL,
    PRINTING_GC_THRESHOLD,
    _hoist_style,
    collecting_less_often,
    html_to_pdf,
    offline_fetcher,
)
from motcua.documents.slips import render_slip_html
from tests.documents.pdftools import pdf_text
from tests.documents.scenarios import R2025, received


def _as_written(html: str) -> bytes:
    """The page as WeasyPrint prints it with nothing reused: its own <style>, fresh fonts."""
    return HTML(string=html, base_url=BASE_URL, url_fetcher=offline_fetcher()).write_pdf()


def test_a_slip_printed_with_reused_fonts_and_parsed_stylesheet_is_the_same_file(world):
    dossier = received(world, R2025)
    html = render_slip_html(dossier, "receipt_slip")
    a4 = render_slip_html(dossier, "receipt_slip", paper="A4")

    first, again, on_a4 = html_to_pdf(html), html_to_pdf(html), html_to_pdf(a4)

    assert first == again == _as_written(html)
    assert on_a4 == _as_written(a4) != first
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in pdf_text(first)


def test_a_printing_reuses_an_idle_renderer_whichever_thread_prints(world, monkeypatch):
    monkeypatch.setattr(pdf, "_idle", [])
    html = render_slip_html(received(world, R2025), "receipt_slip")
    files, renderers = [], []

    def print_in_a_thread():
        thread = threading.Thread(target=lambda: files.append(html_to_pdf(html)))
        thread.start()
        thread.join()  # the thread is gone, its renderer waits for the next printing
        renderers.append(list(pdf._idle))

    print_in_a_thread()
    print_in_a_thread()
    with pdf._renderer() as busy, pdf._renderer() as meanwhile:  # two printings at once
        assert busy is renderers[0][0] and meanwhile is not busy

    assert files[0] == files[1]
    assert len(renderers[0]) == 1 and renderers[1] == renderers[0]
    assert len(pdf._idle) == 2


def test_only_a_single_plain_stylesheet_in_the_head_is_taken_out_of_the_page():
    page = "<html><head><style>p { color: red }</style></head><body><p>x</p></body></html>"
    assert _hoist_style(page) == (
        "<html><head></head><body><p>x</p></body></html>",
        "p { color: red }",
    )
    red, blue = "<style>p { color: red }</style>", "<style>p { color: blue }</style>"
    for head, body in (
        (red + blue, ""),  # two
        ('<link rel="stylesheet" href="a.css">' + red, ""),  # and a linked one
        ("<style>@font-face { font-family: X; src: local(Y) }</style>", ""),
        ("", red),  # in the body
        ("", ""),
    ):
        html = f"<html><head>{head}</head><body>{body}<p>x</p></body></html>"
        assert _hoist_style(html) == (html, None)


def test_the_collector_runs_less_often_while_printing_and_as_before_after():
    before = gc.get_threshold()
    with collecting_less_often():
        assert gc.get_threshold() == (PRINTING_GC_THRESHOLD, *before[1:])
        with collecting_less_often():  # another printing meanwhile
            pass
        assert gc.get_threshold()[0] == PRINTING_GC_THRESHOLD
    assert gc.get_threshold() == before
    with pytest.raises(ValueError), collecting_less_often():
        raise ValueError
    assert gc.get_threshold() == before


def test_a_page_declaring_its_own_fonts_does_not_leave_them_to_the_threads_later_pages(
    monkeypatch,
):
    from weasyprint.text.fonts import FontConfiguration

    declared_in = []
    add_font_face = FontConfiguration.add_font_face

    def spy(self, *args, **kwargs):
        declared_in.append(self)
        return add_font_face(self, *args, **kwargs)

    monkeypatch.setattr(FontConfiguration, "add_font_face", spy)
    page = (
        "<html><head><style>@font-face { font-family: Riêng; src: local('DejaVu Sans') }"
        "p { font-family: Riêng }</style></head><body><p>Mã hồ sơ</p></body></html>"
    )

    assert html_to_pdf(page).startswith(b"%PDF")
    assert declared_in and not {r.fonts for r in pdf._idle} & set(declared_in)
