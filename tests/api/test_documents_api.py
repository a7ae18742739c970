"""Slips and the tracking book through the staff API, authorised like the dossier."""

import pytest

from tests.dossiers.factories import desk_dossier, dossier_in

pytestmark = pytest.mark.django_db


def test_the_receipt_slip_of_a_received_dossier_is_a_pdf(api, world):
    dossier = desk_dossier(world)
    response = api.as_(world.officer).get(f"/dossiers/{dossier.code}/slips/receipt.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize(("state", "slip"), [("refused", "refusal"), ("stopped", "stop")])
def test_refusal_and_stop_slips_exist_once_the_dossier_got_there(api, world, state, slip):
    dossier = dossier_in(state, world)
    user = world.officer if state == "refused" else world.leader
    response = api.as_(user).get(f"/dossiers/{dossier.code}/slips/{slip}.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_a_slip_the_dossier_does_not_have_yet_is_a_vietnamese_404(api, world):
    dossier = desk_dossier(world)
    response = api.as_(world.officer).get(f"/dossiers/{dossier.code}/slips/refusal.pdf")
    assert response.status_code == 404
    assert "từ chối" in response.json()["message"].lower()


def test_unknown_slips_and_papers_are_refused(api, world):
    dossier = desk_dossier(world)
    officer = api.as_(world.officer)
    assert officer.get(f"/dossiers/{dossier.code}/slips/hoa-don.pdf").status_code == 404
    bad_paper = officer.get(f"/dossiers/{dossier.code}/slips/receipt.pdf", {"paper": "A3"})
    assert bad_paper.status_code == 422


def test_slips_are_refused_to_other_units_and_anonymous_callers(api, world):
    dossier = desk_dossier(world)
    path = f"/dossiers/{dossier.code}/slips/receipt.pdf"
    assert api.as_(world.other_officer).get(path).status_code == 404
    assert api.get(path).status_code == 401


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        ("csv", "text/csv; charset=utf-8", "\ufeff".encode()),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
        ("pdf", "application/pdf", b"%PDF"),
    ],
)
def test_the_tracking_book_of_the_officers_unit(api, world, fmt, content_type, magic):
    dossier = desk_dossier(world)
    params = {"unit": world.desk.code, "from": "2026-03-01", "to": "2026-03-31", "format": fmt}
    response = api.as_(world.officer).get("/tracking-book", params)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(magic)
    if fmt == "csv":
        assert dossier.code in response.content.decode("utf-8-sig")


def test_the_tracking_book_is_only_for_the_callers_units(api, world):
    params = {"unit": world.desk.code, "from": "2026-03-01", "to": "2026-03-31", "format": "csv"}
    assert api.as_(world.other_officer).get("/tracking-book", params).status_code == 404
    assert (
        api.as_(world.officer).get("/tracking-book", {**params, "unit": "khong-co"}).status_code
        == 404
    )
    assert api.get("/tracking-book", params).status_code == 401


@pytest.mark.parametrize(
    "change",
    [
        {"from": "32/13/2026"},
        {"to": ""},
        {"from": "2026-04-01"},
        {"format": "docx"},
        {"unit": "a\x00"},
    ],
)
def test_bad_tracking_book_input_is_422(api, world, change):
    params = {"unit": world.desk.code, "from": "2026-03-01", "to": "2026-03-31", **change}
    response = api.as_(world.officer).get("/tracking-book", params)
    assert response.status_code == 422
    assert response.json()["message"]
