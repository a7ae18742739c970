"""Worklists by tab (what waits for whom), and the leader's overdue and soon-due dossiers."""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from motcua.core.templatetags.motcua import hhmm_ddmmyyyy
from motcua.core.text import person_name
from motcua.dossiers.deadlines import OVERDUE, open_outcome
from motcua.dossiers.models import OPEN_STATUSES, STATUS_CODES, Channel, Status
from motcua.dossiers.selectors import worklist
from motcua.organization.models import Role
from motcua.organization.selectors import unit_ids_with_role
from motcua.workcalendar.clock import add_working_time
from motcua.workcalendar.selectors import calendar_for

from .dossier_views import staff_required
from .forms import WorklistFilterForm

PAGE_SIZE = 50
# The worklist counts its rows up to here: past it, "more than 1,000" and 20 pages to browse
# (the newest first on "All"; the filters narrow the rest). A full COUNT(*) of one busy unit's
# dossiers took 300 ms at 1,000,000 dossiers; counting up to 5,001 of them 8 ms, to 1,001 2 ms.
COUNT_CAP = 1000
OPEN_CODES = [STATUS_CODES[s] for s in OPEN_STATUSES]
LEADER_ROLES = {Role.UNIT_LEADER, Role.AGENCY_LEADER}


@dataclass(frozen=True)
class Tab:
    slug: str
    label: str

    @property
    def order(self) -> tuple:
        """The work queues put the most urgent first (due date, then id). "All" lists the
        newest submissions first: in due-date order its first pages would be dossiers
        returned months ago, whose due dates are the oldest."""
        if self.slug == "tat-ca":
            return (F("submitted_at").desc(), F("id").desc())
        return (F("due_at").asc(nulls_last=True), "id")

    def condition(self, user) -> Q:
        match self.slug:
            case "cho-kiem-tra":
                return Q(status_code=1)
            case "cho-phan-cong":
                return Q(status_code=2) | Q(status_code=4, assignee__isnull=True)
            case "cua-toi":
                return Q(status_code__in=[4, 5, 6], assignee=user)
            case "cho-ky":
                return Q(status_code=4, current_step__role__in=[Role.AGENCY_LEADER, Role.CLERK])
            case "cho-tra":
                return Q(status_code=9)
        return Q()


TABS = (
    Tab("tat-ca", _("Tất cả")),
    Tab("cho-kiem-tra", _("Chờ kiểm tra")),
    Tab("cho-phan-cong", _("Chờ phân công")),
    Tab("cua-toi", _("Đang xử lý của tôi")),
    Tab("cho-ky", _("Chờ ký")),
    Tab("cho-tra", _("Chờ trả kết quả")),
)


SOON_MINUTES = 480  # one working day


def soon_threshold(now: dt.datetime) -> dt.datetime:
    """One working day from `now` on the national calendar: the "due soon" line."""
    return add_working_time(now, SOON_MINUTES, calendar_for(None))


# The columns a worklist row shows or needs (the units and the assignee are read after the
# rows, one query each, from their ids: see `dossiers.selectors.WorklistQuerySet`).
ROW_FIELDS = (
    "code",
    "channel",
    "status",
    "status_code",
    "applicant_name",
    "applicant_phone",
    "receiving_unit_id",
    "competent_unit_id",
    "current_unit_id",
    "assignee_id",
    "due_at",
    "paused_since",
    "finished_at",
    "procedure_version__name",
    "procedure_version__procedure__code",
)


@dataclass
class Row:
    """One worklist line, every cell as plain text: the template only prints them."""

    dossier: object
    overdue: bool
    soon: bool
    status_label: str = ""
    channel_label: str = ""
    code: str = ""
    url: str = ""
    applicant_name: str = ""
    applicant_phone: str = ""
    status: str = ""
    procedure_name: str = ""
    procedure_code: str = ""
    assignee_name: str = ""
    unit_name: str = ""
    due: str = ""


def dossier_url_maker():
    """`code → URL of the dossier page`, from one `reverse()` instead of one per row."""
    marker = "MOTCUA-CODE"
    head, _marker, tail = reverse("desk:dossier", args=[marker]).partition(marker)
    # quoted as `reverse()` quotes (django.urls.resolvers)
    return lambda code: f"{head}{quote(code, safe=RFC3986_SUBDELIMS + '/~:@')}{tail}"


def rows_of(dossiers, *, now: dt.datetime, soon: dt.datetime | None = None) -> list[Row]:
    """The rows of `dossiers`; `soon` is `soon_threshold(now)`, worked out here (two queries
    for the calendar) only if a row needs it when not given."""
    # Labels looked up once per page: `get_status_display()` rebuilds and hashes every
    # choice's lazy label on each call, 13 translations per row.
    statuses, channels = _labels(Status.choices), _labels(Channel.choices)
    url_of = dossier_url_maker()
    # Working time is a part of elapsed time (Vietnam keeps no daylight saving time), so one
    # working day ends no earlier than 8 hours from now: a due before that is soon whatever
    # the calendar says, and most pages need no calendar at all.
    surely_soon = now + dt.timedelta(minutes=SOON_MINUTES)
    rows = []
    for d in dossiers:
        overdue = d.due_at is not None and open_outcome(d, now) == OVERDUE
        is_open = d.status_code in OPEN_CODES
        soon_due = is_open and not overdue and d.due_at is not None
        if soon_due and d.due_at > surely_soon:
            soon = soon or soon_threshold(now)
            soon_due = d.due_at <= soon
        version, unit = d.procedure_version, d.current_unit
        rows.append(
            Row(
                d,
                overdue,
                soon_due,
                status_label=statuses.get(d.status, d.status),
                channel_label=channels.get(d.channel, ""),
                code=d.code,
                url=url_of(d.code),
                applicant_name=d.applicant_name,
                applicant_phone=d.applicant_phone,
                status=d.status,
                procedure_name=version.name,
                procedure_code=version.procedure.code,
                assignee_name=person_name(d.assignee) if d.assignee_id else "",
                unit_name=unit.name if unit is not None else "",
                due=hhmm_ddmmyyyy(d.due_at),
            )
        )
    return rows


def _labels(choices) -> dict:
    return {value: str(label) for value, label in choices}


class CappedPaginator(Paginator):
    """A paginator that counts at most `COUNT_CAP` rows (`capped` says when there are more)."""

    @cached_property
    def counted(self) -> int:
        # Unordered: with the page's ORDER BY due_at, PostgreSQL walked the due-date index
        # and filtered 17,500 other rows to count one unit's first 5,001 (20 ms at 50,000
        # dossiers); without it, a bitmap of the two unit indexes answers (4 ms).
        return self.object_list.order_by()[: COUNT_CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.counted > COUNT_CAP

    @cached_property
    def count(self) -> int:
        return min(self.counted, COUNT_CAP)


def _filtered(qs, data: dict):
    if data.get("procedure"):
        qs = qs.filter(procedure_version__procedure__code=data["procedure"])
    if data.get("field"):
        qs = qs.filter(procedure_version__field__code=data["field"])
    if data.get("channel"):
        qs = qs.filter(channel=data["channel"])
    zone = timezone.get_current_timezone()
    if data.get("date_from"):
        qs = qs.filter(submitted_at__gte=dt.datetime.combine(data["date_from"], dt.time.min, zone))
    if data.get("date_to"):
        end = data["date_to"] + dt.timedelta(days=1)
        qs = qs.filter(submitted_at__lt=dt.datetime.combine(end, dt.time.min, zone))
    return qs


@require_GET
@staff_required
def worklist_page(request):
    now = timezone.now()
    tab = next((t for t in TABS if t.slug == request.GET.get("tab")), TABS[0])
    form = WorklistFilterForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    data = form.cleaned_data if form.is_bound and valid else {}
    qs = worklist(request.user, status=data.get("status") or None, q=data.get("q") or None, at=now)
    qs = _filtered(qs, data).filter(tab.condition(request.user))
    qs = qs.order_by(*tab.order).only(*ROW_FIELDS)
    page = CappedPaginator(qs, PAGE_SIZE).get_page((request.GET.get("page") or "1")[:6])
    context = {
        "tabs": TABS,
        "tab": tab,
        "form": form,
        "page": page,
        "rows": rows_of(page.object_list, now=now),
        "query": _query_without_page(request),
    }
    template = "desk/worklist.html#results" if request.htmx else "desk/worklist.html"
    return render(request, template, context, status=200 if valid else 422)


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_GET
@staff_required
def leader_page(request):
    now = timezone.now()
    units = unit_ids_with_role(request.user, LEADER_ROLES, day=timezone.localdate())
    if not units and not request.user.is_superuser:
        raise PermissionDenied
    soon = soon_threshold(now)
    mine = Q(current_unit_id__in=units) | Q(receiving_unit_id__in=units)
    base = worklist(request.user, at=now)
    if units:
        base = base.filter(mine)
    overdue = base.filter(pk__in=worklist(request.user, overdue=True, at=now).values("pk"))
    due_soon = base.filter(
        pk__in=worklist(request.user, overdue=False, due_before=soon, at=now).values("pk")
    )
    context = {
        "overdue": rows_of(overdue[:200], now=now, soon=soon),
        "due_soon": rows_of(due_soon[:200], now=now, soon=soon),
    }
    return render(request, "desk/leader.html", context)
