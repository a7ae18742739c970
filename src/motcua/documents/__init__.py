"""Slips (phiếu, biểu mẫu) of the one-stop shop: HTML, PDF (WeasyPrint, offline), CSV, XLSX.

Public functions (import from the modules; nothing here is served over HTTP by this app):

    motcua.documents.slips.render_slip(dossier, kind, *, event=None, paper=None) -> bytes
    motcua.documents.slips.render_slip_html(dossier, kind, *, event=None, paper=None) -> str
        kind: receipt_slip | supplement_request | refusal_slip | apology_slip | stop_notice
              | control_slip; paper: None (the form's own, A5) or "A4".
    motcua.documents.tracking.tracking_book_pdf(unit, date_from, date_to, *, at=None) -> bytes
    motcua.documents.tracking.tracking_book_csv(unit, date_from, date_to, *, at=None) -> bytes
    motcua.documents.tracking.tracking_book_xlsx(unit, date_from, date_to, *, at=None) -> bytes
    motcua.documents.tracking.tracking_book_rows(unit, date_from, date_to, *, at=None)
    motcua.documents.tracking.tracking_book(unit, date_from, date_to, *, fmt="pdf", at=None)
    motcua.documents.lookup.lookup_url(code) -> str     # the QR payload: SITE_URL/tra-cuu/?code=…
    motcua.documents.formsets.form_for(kind, regime) -> FormSpec   # number, title, paper

Refusals are `DomainError`s: `unknown_slip` (404), `slip_not_available` (409),
`unknown_paper`, `unknown_format` and `bad_period` (400). The caller checks who may print what.
"""
