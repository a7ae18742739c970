"""What a citizen does after confirming code and phone: supplement, download, rate."""

import pytest
from django.urls import reverse

from motcua.dossiers import services
from motcua.dossiers.models import Dossier, Status
from motcua.portal.models import DossierFile, SatisfactionRating
from motcua.portal.ratings import rating_token
from tests.dossiers.factories import PHONE, dossier_in, local
from tests.portal.helpers import EXE, files_under, pdf


def confirm(client, dossier):
    response = client.get(reverse("portal:lookup"), {"code": dossier.code, "phone": PHONE})
    assert response.status_code == 200


def test_intake_supplement_uploads_the_missing_part_and_resubmits(client, world, settings):
    dossier = dossier_in("supplement_requested_intake", world)
    confirm(client, dossier)
    part = world.parts[1]
    response = client.post(
        reverse("portal:supplement", args=[dossier.code]),
        {f"part_{part.pk}": pdf("ban-ve-moi.pdf"), "note": "Đã bổ sung bản vẽ"},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED
    assert dossier.visit_count == 0
    stored = DossierFile.objects.get(dossier=dossier)
    assert stored.purpose == "supplement" and stored.part_id == part.pk
    assert (settings.MEDIA_ROOT / stored.path).is_file()


def test_processing_supplement_resumes_processing(client, world):
    dossier = dossier_in("supplement_requested", world)
    confirm(client, dossier)
    response = client.post(
        reverse("portal:supplement", args=[dossier.code]),
        {f"part_{world.parts[0].pk}": pdf()},
    )
    assert response.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).status == Status.PROCESSING


def test_supplement_needs_confirmation_a_file_and_a_real_pdf(client, world, settings):
    dossier = dossier_in("supplement_requested_intake", world)
    url = reverse("portal:supplement", args=[dossier.code])
    part = f"part_{world.parts[1].pk}"
    assert client.post(url, {part: pdf()}).status_code == 404
    confirm(client, dossier)
    empty = client.post(url, {})
    assert empty.status_code == 422
    assert "ít nhất một tệp" in empty.content.decode()
    exe = client.post(url, {part: pdf("ban-ve.pdf", EXE)})
    assert exe.status_code == 422
    assert "chỉ nhận tệp PDF, JPEG hoặc PNG" in exe.content.decode()
    assert Dossier.objects.get(pk=dossier.pk).status == Status.SUPPLEMENT_REQUESTED
    assert files_under(settings.MEDIA_ROOT) == []
    assert not DossierFile.objects.exists()


def _resolved_with_file(world, settings):
    dossier = dossier_in("at_committee", world)
    target = settings.MEDIA_ROOT / "ket-qua" / "gpxd-125.pdf"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"%PDF-1.7 giay phep")
    return services.resolve_dossier(
        actor=world.agency_leader, dossier=dossier, granted=True, result_number="125/GPXD",
        result_file="ket-qua/gpxd-125.pdf", at=local(2026, 3, 2, 16),
    )  # fmt: skip


def test_electronic_result_downloads_for_the_applicant_only(client, world, settings):
    dossier = _resolved_with_file(world, settings)
    url = reverse("portal:result_file", args=[dossier.code])
    assert client.get(url).status_code == 404
    confirm(client, dossier)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 giay phep"
    assert "attachment" in response["Content-Disposition"]


def test_result_path_outside_media_is_never_served(client, world, settings):
    dossier = dossier_in("at_committee", world)
    dossier = services.resolve_dossier(
        actor=world.agency_leader, dossier=dossier, granted=True, result_file="../../etc/passwd",
        at=local(2026, 3, 2, 16),
    )  # fmt: skip
    confirm(client, dossier)
    assert client.get(reverse("portal:result_file", args=[dossier.code])).status_code == 404


def test_rating_once_after_the_result(client, world):
    dossier = dossier_in("returned", world)
    confirm(client, dossier)
    url = reverse("portal:rate", args=[dossier.code])
    response = client.post(url, {"score": "5", "visit_count": "0", "comment": "Nhanh, chu đáo"})
    assert response.status_code == 302
    rating = SatisfactionRating.objects.get(dossier=dossier)
    assert (rating.score, rating.visit_count, rating.source) == (5, 0, "lookup")
    again = client.post(url, {"score": "1", "visit_count": "2"})
    assert again.status_code in (404, 422)
    assert SatisfactionRating.objects.get(dossier=dossier).score == 5


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"score": "6", "visit_count": "0"},
        {"score": "nam", "visit_count": "0"},
        {"score": "4", "visit_count": "3"},
        {"score": "4", "visit_count": "1", "comment": "x" * 1001},
    ],
)
def test_rating_refuses_bad_input(client, world, data):
    dossier = dossier_in("resolved", world)
    confirm(client, dossier)
    response = client.post(reverse("portal:rate", args=[dossier.code]), data)
    assert response.status_code == 422
    assert not SatisfactionRating.objects.exists()


def test_rating_before_the_result_is_refused(world):
    from motcua.core.errors import DomainError
    from motcua.portal.ratings import rate_service

    dossier = dossier_in("processing", world)
    with pytest.raises(DomainError) as refused:
        rate_service(actor=world.citizen, dossier=dossier, score=5, visit_count=0)
    assert refused.value.status == 409
    assert "sau khi hồ sơ đã có kết quả" in refused.value.message


def test_rating_from_the_signed_email_link(client, world):
    dossier = dossier_in("resolved", world)
    url = reverse("portal:rate_by_link", args=[rating_token(dossier)])
    assert client.get(url).status_code == 200
    response = client.post(url, {"score": "4", "visit_count": "1"})
    assert response.status_code == 200
    assert "Cảm ơn bạn" in response.content.decode()
    assert SatisfactionRating.objects.get(dossier=dossier).source == "email_link"
    second = client.post(url, {"score": "1", "visit_count": "1"})
    assert second.status_code == 422
    assert "đã được đánh giá" in second.content.decode()


def test_a_forged_rating_link_is_404(client, world):
    dossier = dossier_in("resolved", world)
    token = rating_token(dossier)
    response = client.get(reverse("portal:rate_by_link", args=[token[:-2] + "xx"]))
    assert response.status_code == 404


def test_api_rating_once(client, world):
    dossier = dossier_in("returned", world)
    body = {"code": dossier.code, "phone": PHONE, "score": 4, "visit_count": 1}
    first = client.post("/api/v1/public/rating", body, content_type="application/json")
    assert first.status_code == 201
    second = client.post("/api/v1/public/rating", body, content_type="application/json")
    assert second.status_code == 409
    assert second.json()["message"] == "Hồ sơ này đã được đánh giá."
    bad = client.post(
        "/api/v1/public/rating", {**body, "score": "nhieu"}, content_type="application/json"
    )
    assert bad.status_code == 422
