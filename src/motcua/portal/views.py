"""Citizens' pages: the home page, the procedure catalogue and one procedure."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from motcua.catalog.models import Field, OnlineService
from motcua.catalog.selectors import procedure_in_force, search_procedures
from motcua.organization.models import RECEIVING_KINDS, Unit

from .selectors import home_figures

PAGE_SIZE = 20
MAX_QUERY = 200


def _param(request, name: str, limit: int = 40) -> str:
    return (request.GET.get(name) or "")[:limit]


def catalogue(request):
    template = "portal/catalogue.html#results" if request.htmx else "portal/catalogue.html"
    return render(request, template, catalogue_context(request))


def home(request):
    """The catalogue search with the most used procedures, fields and the year's figures."""
    if request.htmx:
        return catalogue(request)
    context = catalogue_context(request) | {"figures": home_figures()}
    return render(request, "portal/home.html", context)


def catalogue_context(request) -> dict:
    day = timezone.localdate()
    q = _param(request, "q", MAX_QUERY)
    field, unit, level = _param(request, "field"), _param(request, "unit"), _param(request, "level")
    qs = search_procedures(day=day, q=q, field=field, unit=unit, level=level)
    page = Paginator(qs, PAGE_SIZE).get_page(_param(request, "page", 8))
    return {
        "q": q,
        "field": field,
        "unit": unit,
        "level": level,
        "page": page,
        "fields": Field.objects.all(),
        "units": Unit.objects.valid_on(day).filter(kind__in=RECEIVING_KINDS),
        "levels": [("online", OnlineService.FULL.label + " / " + OnlineService.PARTIAL.label)]
        + [(c.value, c.label) for c in OnlineService],
    }


def procedure_detail(request, code: str):
    version = procedure_in_force(code[:40], timezone.localdate())
    if version is None:
        raise Http404
    return render(request, "portal/procedure.html", {"version": version})
