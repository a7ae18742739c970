"""The electronic result attached at the desk: on resolving, or before returning; stored out of
the web root, downloaded by the applicant only, and then returned online."""

import pytest
from django.test import Client
from django.urls import reverse

from motcua.dossiers.models import Dossier, DossierEvent, Status
from tests.dossiers.factories import PHONE, dossier_in
from tests.portal.helpers import EXE, PDF, PNG, files_under, pdf

pytestmark = pytest.mark.django_db

RESOLVE = {"granted": "1", "result_number": "125/GPXD", "signer": "Trần Văn Bình"}


def _url(dossier, action):
    return reverse("desk:dossier_action", args=[dossier.code, action])


def _confirmed(dossier) -> Client:
    citizen = Client()
    found = citizen.get(reverse("portal:lookup"), {"code": dossier.code, "phone": PHONE})
    assert found.status_code == 200
    return citizen


def test_the_result_file_uploaded_on_resolving_is_downloaded_by_the_applicant_only(
    client, world, settings
):
    dossier = dossier_in("at_committee", world)
    client.force_login(world.agency_leader)
    page = client.get(reverse("desk:dossier", args=[dossier.code])).content.decode()
    assert 'enctype="multipart/form-data"' in page and 'name="result_upload"' in page
    response = client.post(
        _url(dossier, "resolve"), RESOLVE | {"result_upload": pdf("Giấy phép 125.pdf")}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.RESOLVED and dossier.e_result
    assert dossier.result_file.startswith("dossiers/") and dossier.result_file.endswith(".pdf")
    assert [p.read_bytes() for p in files_under(settings.MEDIA_ROOT)] == [PDF]
    event = DossierEvent.objects.get(dossier=dossier, action="resolve")
    assert event.data["result_file"] == dossier.result_file
    assert event.actor == world.agency_leader

    url = reverse("portal:result_file", args=[dossier.code])
    assert Client().get(url).status_code == 404  # anonymous, phone not confirmed
    other = dossier_in("at_committee", world)
    stranger = Client()
    Dossier.objects.filter(pk=other.pk).update(applicant_phone="0987000111")
    stranger.get(reverse("portal:lookup"), {"code": other.code, "phone": "0987000111"})
    assert stranger.get(url).status_code == 404  # confirmed for another dossier only
    citizen = _confirmed(dossier)
    lookup = citizen.get(reverse("portal:lookup"), {"code": dossier.code}).content.decode()
    assert url in lookup
    download = citizen.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF

    client.force_login(world.officer)
    returned = client.post(_url(dossier, "return_result"), {"method": "electronic"})
    assert returned.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).status == Status.RETURNED


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (pdf("ket-qua.pdf", EXE), "chỉ nhận tệp PDF, JPEG hoặc PNG"),
        (pdf("ket-qua.pdf", PDF + b"0" * 2048), "tệp lớn hơn giới hạn"),
        (pdf("ket-qua.pdf", b""), "rỗng"),
    ],
    ids=["wrong-type", "too-big", "empty"],
)
def test_a_bad_result_file_is_refused_and_writes_nothing(client, world, settings, upload, message):
    settings.PORTAL_MAX_FILE_BYTES = 1024
    dossier = dossier_in("at_committee", world)
    client.force_login(world.agency_leader)
    response = client.post(_url(dossier, "resolve"), RESOLVE | {"result_upload": upload})
    assert response.status_code == 422
    assert message in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == Status.PROCESSING and not dossier.result_file and not dossier.e_result
    assert not DossierEvent.objects.filter(dossier=dossier, action="resolve").exists()
    assert files_under(settings.MEDIA_ROOT) == []


def test_a_result_resolved_without_a_file_gets_it_when_returned_online(client, world, settings):
    dossier = dossier_in("at_committee", world)
    client.force_login(world.agency_leader)
    client.post(_url(dossier, "resolve"), RESOLVE)
    dossier.refresh_from_db()
    assert dossier.status == Status.RESOLVED and not dossier.e_result and not dossier.result_file

    client.force_login(world.officer)
    refused = client.post(_url(dossier, "return_result"), {"method": "electronic"})
    assert refused.status_code == 422
    assert "chưa có kết quả điện tử" in refused.content.decode()
    png = pdf("ban-chup.png", PNG)
    response = client.post(
        _url(dossier, "return_result"), {"method": "electronic", "result_upload": png}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.RETURNED and dossier.e_result
    assert dossier.result_file.endswith(".png")
    event = DossierEvent.objects.get(dossier=dossier, action="return_result")
    assert event.data["result_file"] == dossier.result_file
    download = _confirmed(dossier).get(reverse("portal:result_file", args=[dossier.code]))
    assert b"".join(download.streaming_content) == PNG
    page = client.get(reverse("desk:dossier", args=[dossier.code])).content.decode()
    assert 'name="result_upload"' not in page
