"""The desk worklist page drawn from plain data: every filter with all its options and the same
markup Django's field rendering gives, every row with its link, the count left unordered."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertHTMLEqual, assertNotContains

from motcua.catalog.models import Field
from motcua.desk import worklists
from motcua.desk.forms import WorklistFilterForm, control
from motcua.desk.worklists import dossier_url_maker, rows_of, soon_threshold
from motcua.dossiers.models import Channel, Status
from tests.dossiers.factories import desk_dossier, dossier_in
from tests.factories import FieldFactory

pytestmark = pytest.mark.django_db

FILTER_STATES = [
    {},
    {"tab": "cho-phan-cong"},
    {
        "q": '<b>"Hồng"</b> & 0904',
        "procedure": "1.009994",
        "field": "ho-tich",
        "status": "received",
        "channel": "2",
        "date_from": "2026-03-01",
        "date_to": "2026-03-31",
    },
    {"status": "zzz", "channel": "mot", "field": "khong-co", "date_from": "2026-13-45"},
    {"date_from": "2026-04-01", "date_to": "2026-03-01", "q": "x" * 300},
]


@pytest.fixture
def fields(db):
    FieldFactory(code="ho-tich", name="Hộ tịch")
    FieldFactory(code="dat-dai", name="Đất đai <ruộng & vườn>")
    return list(Field.objects.all())


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("params", FILTER_STATES)
def test_each_filter_is_drawn_as_djangos_field_group_draws_it(fields, params, language):
    from django.template.loader import render_to_string

    with translation.override(language):
        form = WorklistFilterForm(params or None)
        if form.is_bound:
            form.is_valid()
        for bound in form:
            drawn = render_to_string("desk/_filter.html", {"c": control(bound)})
            assertHTMLEqual(drawn, bound.as_field_group())


def test_the_page_offers_every_filter_option(client, world, fields):
    client.force_login(world.officer)
    response = client.get("/can-bo/ho-so/")
    for name in ("q", "procedure", "field", "status", "channel", "date_from", "date_to"):
        assertContains(response, f'name="{name}"')
        assertContains(response, f'<label for="id_{name}">', count=1)
    for field in fields:
        option = f'<option value="{field.code}">{escape(field.name)}</option>'
        assertContains(response, option, html=True)
    for value, label in [*Status.choices, *Channel.choices]:
        assertContains(response, f'<option value="{value}">{label}</option>', html=True)
    assertContains(response, '<option value="" selected>Tất cả</option>', html=True, count=3)


def test_the_chosen_filters_stay_chosen_and_errors_point_at_their_field(client, world, fields):
    client.force_login(world.officer)
    chosen = client.get("/can-bo/ho-so/", {"status": "processing", "field": "ho-tich"})
    assertContains(chosen, '<option value="processing" selected>Đang xử lý</option>', html=True)
    assertContains(chosen, '<option value="ho-tich" selected>Hộ tịch</option>', html=True)
    bad = client.get("/can-bo/ho-so/", {"channel": "mot"})
    assert bad.status_code == 422
    assertContains(bad, 'aria-describedby="id_channel_error"', status_code=422)
    assertContains(bad, 'aria-invalid="true"', count=1, status_code=422)


def test_the_filters_are_in_english_too(client, world, fields):
    client.force_login(world.officer)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/can-bo/ho-so/")
    assertContains(response, '<label for="id_status">Status:</label>', html=True)
    assertContains(response, '<option value="1">In person</option>', html=True)
    assertNotContains(response, "Trạng thái:")


def test_every_row_links_its_dossier_and_shows_its_cells(client, world):
    dossiers = [desk_dossier(world) for _i in range(3)]
    client.force_login(world.officer)
    response = client.get("/can-bo/ho-so/")
    for dossier in dossiers:
        url = reverse("desk:dossier", args=[dossier.code])
        assertContains(response, f'<a href="{url}">{dossier.code}</a>', html=True, count=1)
    html = response.content.decode()
    assert html.count(world.version.name) == 3
    assert html.count(world.desk.name) >= 3  # the unit holding each dossier
    assert html.count("Được tiếp nhận") >= 3 and html.count("Trực tiếp") >= 3


@pytest.mark.parametrize("code", ["000.22.27.H26-260302-0001", "A B~é%:@", "x&y=z"])
def test_row_links_are_the_urls_reverse_gives(code):
    assert dossier_url_maker()(code) == reverse("desk:dossier", args=[code])


def test_the_count_leaves_the_order_out(client, world):
    desk_dossier(world)
    client.force_login(world.officer)
    with CaptureQueriesContext(connection) as queries:
        client.get("/can-bo/ho-so/")
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"]]
    assert len(counts) == 1 and "ORDER BY" not in counts[0]


@pytest.mark.parametrize("rows", [5, 50])
def test_htmx_reloads_the_rows_alone_in_as_many_queries(client, world, rows):
    for _i in range(rows):
        desk_dossier(world)
    client.force_login(world.officer)
    with CaptureQueriesContext(connection) as full:
        client.get("/can-bo/ho-so/")
    with CaptureQueriesContext(connection) as partial:
        response = client.get("/can-bo/ho-so/", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<select" not in html and html.count("/can-bo/ho-so/000.22.27.H26-") == rows
    assert len(partial) == len(full)


HOUR = dt.timedelta(hours=1)


@pytest.mark.parametrize(
    "before_due", [-HOUR, 2 * HOUR, 7 * HOUR, 9 * HOUR, 20 * HOUR, 3 * 24 * HOUR, 10 * 24 * HOUR]
)
def test_due_soon_is_one_working_day_and_the_calendar_is_read_only_when_it_decides(
    world, before_due, monkeypatch
):
    dossier = desk_dossier(world)
    now = dossier.due_at - before_due
    soon = soon_threshold(now)
    expected = before_due > dt.timedelta(0) and dossier.due_at <= soon
    asked = []  # the calendar is read through soon_threshold()
    monkeypatch.setattr(worklists, "soon_threshold", lambda at: asked.append(at) or soon)
    (row,) = rows_of([dossier], now=now)
    assert row.soon is expected and row.overdue is (before_due < dt.timedelta(0))
    assert asked == ([now] if before_due > 8 * HOUR else [])


def test_closed_dossiers_need_no_calendar(world, monkeypatch):
    dossier = dossier_in("returned", world)
    monkeypatch.setattr(worklists, "soon_threshold", lambda at: pytest.fail("calendar read"))
    (row,) = rows_of([dossier], now=dossier.due_at - 30 * HOUR)
    assert not row.soon and not row.overdue


def test_all_lists_the_newest_first_and_the_queues_the_most_urgent_first(client, world):
    from tests.dossiers.factories import local

    oldest, middle, newest = (desk_dossier(world, at=local(2026, 3, day, 9)) for day in (2, 3, 4))
    client.force_login(world.officer)

    def codes(tab: str) -> list[str]:
        page = client.get("/can-bo/ho-so/", {"tab": tab}).content.decode()
        found = [(page.index(f">{d.code}<"), d.code) for d in (oldest, middle, newest)]
        return [code for _at, code in sorted(found)]

    assert codes("tat-ca") == [newest.code, middle.code, oldest.code]
    assert codes("cho-phan-cong") == [oldest.code, middle.code, newest.code]


def test_row_cells_are_escaped_and_marked_as_the_template_marked_them():
    from motcua.desk.templatetags.worklist import worklist_rows

    row = worklists.Row(
        None, True, False, status_label="Đã tiếp nhận", channel_label="Trực tiếp",
        code="000.22.27.H26-260302-0001", url='/can-bo/ho-so/x"y/', status="received",
        applicant_name='<script>alert("x")</script> Nguyễn', applicant_phone="0904<b>",
        procedure_name="Đăng ký <i>khai sinh</i>", procedure_code="1.001193",
        assignee_name="", unit_name="Bộ phận & một cửa", due="",
    )  # fmt: skip
    with translation.override("vi"):
        html = str(worklist_rows([row]))
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert escape('<script>alert("x")</script> Nguyễn') in html
    assert 'href="/can-bo/ho-so/x&quot;y/"' in html and "Bộ phận &amp; một cửa" in html
    assert html.startswith('<tr class="row-overdue">') and "badge-overdue" in html
    assert "<td>— " in html  # no due date: a dash, as the template's `default` gave
