"""Apply online in three steps: applicant, one upload per dossier part, review and declaration.

The wizard keeps its state in the session; uploads wait in a staging folder until the final
step submits the dossier (see `portal.services.apply_online`).
"""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from motcua.catalog.selectors import procedure_in_force
from motcua.core.errors import DomainError
from motcua.dossiers.lifecycle import Citizen

from . import citizen, services
from .forms import ApplicantForm, DeclarationForm, PartsForm, part_field_name
from .selectors import dossier_summary
from .uploads import StagedFile, Staging, check_total

SESSION_PREFIX = "portal_apply:"
INVALID = 422


def _version(code: str):
    version = procedure_in_force(code[:40], timezone.localdate())
    if version is None or not version.accepts_online:
        raise Http404
    return version


def _state(request, code: str) -> dict:
    return request.session.get(SESSION_PREFIX + code) or {}


def _save(request, code: str, state: dict) -> None:
    request.session[SESSION_PREFIX + code] = state


def _units(version):
    return [(u.code, u.name) for u in version.receiving_units.all() if u.agency_code]


class ApplyApplicantForm(ApplicantForm):
    unit = forms.ChoiceField(label=gettext_lazy("Nơi tiếp nhận hồ sơ"))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = units
        self.order_fields(["unit"])


@require_http_methods(["GET", "POST"])
def applicant_step(request, code: str):
    version = _version(code)
    state = _state(request, version.code)
    units = _units(version)
    if request.method == "POST":
        form = ApplyApplicantForm(request.POST, units=units)
        if form.is_valid():
            state.update(unit=form.cleaned_data["unit"], applicant=form.applicant_dict())
            _save(request, version.code, state)
            return redirect("portal:apply_files", version.code)
        status = INVALID
    else:
        initial = dict(state.get("applicant") or {}, unit=state.get("unit"))
        if not initial.get("email") and request.user.is_authenticated:
            initial["email"] = request.user.email
        form = ApplyApplicantForm(initial=initial, units=units)
        status = 200
    return render(
        request, "portal/apply_applicant.html", {"version": version, "form": form, "step": 1},
        status=status,
    )  # fmt: skip


def _staged(state) -> list[StagedFile]:
    return [StagedFile(**f) for f in state.get("files", [])]


@require_http_methods(["GET", "POST"])
def files_step(request, code: str):
    version = _version(code)
    state = _state(request, version.code)
    if "applicant" not in state:
        return redirect("portal:apply", version.code)
    parts = list(version.parts.all())
    staged = {f.part_id: f for f in _staged(state)}
    status = 200
    if request.method == "POST":
        form = PartsForm(request.POST, request.FILES, parts=parts, all_optional=True)
        if form.is_valid():
            staging = Staging(state.get("staging"))
            if "staging" not in state:
                Staging.prune()
            new: dict[int, StagedFile] = {}
            try:
                for part, upload in form.uploads():
                    new[part.pk] = staging.add(part.pk, upload, label=part.name)
                check_total(list({**staged, **new}.values()))
            except DomainError as exc:
                for f in new.values():
                    (staging.root / f.path.rsplit("/", 1)[-1]).unlink(missing_ok=True)
                form.add_error(None, exc.message)
            else:
                staged.update(new)
                missing = [p for p in parts if p.required and p.pk not in staged]
                for part in missing:
                    form.add_error(part_field_name(part.pk), _("Phải tải lên giấy tờ này."))
                state.update(staging=staging.token, files=[f.as_dict() for f in staged.values()])
                _save(request, version.code, state)
                if not missing:
                    return redirect("portal:apply_review", version.code)
        status = INVALID
    else:
        form = PartsForm(parts=parts, all_optional=True)
    return render(
        request,
        "portal/apply_files.html",
        {
            "version": version,
            "form": form,
            "rows": [(form[part_field_name(p.pk)], p, staged.get(p.pk)) for p in parts],
            "step": 2,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def review_step(request, code: str):
    version = _version(code)
    state = _state(request, version.code)
    if "applicant" not in state:
        return redirect("portal:apply", version.code)
    files = _staged(state)
    parts = {p.pk: p for p in version.parts.all()}
    if any(p.required and pk not in {f.part_id for f in files} for pk, p in parts.items()):
        return redirect("portal:apply_files", version.code)
    form = DeclarationForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            actor = Citizen(
                user=request.user if request.user.is_authenticated else None,
                phone=state["applicant"].get("phone", ""),
            )
            try:
                dossier = services.apply_online(
                    actor=actor,
                    procedure_code=version.code,
                    unit_code=state.get("unit", ""),
                    applicant=state["applicant"],
                    files=files,
                    staging=Staging(state.get("staging")),
                )
            except DomainError as exc:
                # The staged files are gone with the failed attempt: start the uploads again.
                state.pop("files", None)
                state.pop("staging", None)
                _save(request, version.code, state)
                messages.error(request, exc.message)
                return redirect("portal:apply_files", version.code)
            request.session.pop(SESSION_PREFIX + version.code, None)
            citizen.confirm(request, dossier)
            return redirect("portal:apply_done", dossier.code)
        status = INVALID
    fees = list(version.fees.all())
    return render(
        request,
        "portal/apply_review.html",
        {
            "version": version,
            "form": form,
            "applicant": state["applicant"],
            "unit": dict(_units(version)).get(state.get("unit"), ""),
            "files": [(parts.get(f.part_id), f) for f in files],
            "fees": fees,
            "fee_total": sum(f.amount for f in fees),
            "step": 3,
        },
        status=status,
    )


def done(request, code: str):
    """The code of the dossier just submitted, and the fees to pay online if any."""
    summary = dossier_summary(code[:40])
    if summary is None or citizen.citizen_for(request, summary.dossier) is None:
        raise Http404
    return render(request, "portal/apply_done.html", {"summary": summary})
