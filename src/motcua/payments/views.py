"""Payment pages: start paying a dossier, the provider's callback and return, and the simulated
bank page used by the demo and the tests."""

import contextlib
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.core.errors import DomainError
from motcua.dossiers.models import Dossier
from motcua.portal.citizen import citizen_for

from . import services, simulated
from .providers import InvalidSignature, get_provider
from .simulated import SimulatedProvider


def _lookup_url(code: str) -> str:
    return f"{reverse('portal:lookup')}?{urlencode({'code': code})}"


@require_POST
def start(request, code: str):
    """Create a payment for what the dossier owes and send the citizen to the provider."""
    dossier = Dossier.objects.select_related("procedure_version").filter(code=code[:40]).first()
    actor = citizen_for(request, dossier) if dossier is not None else None
    if actor is None:
        raise Http404
    provider = get_provider()
    return_url = reverse("payments:return", args=[provider.name])
    try:
        _payment, url = services.start_payment(
            actor=actor, dossier=dossier, return_url=return_url, provider=provider
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(_lookup_url(dossier.code))
    return redirect(url)


@csrf_exempt  # authenticated by the provider's HMAC signature instead of a CSRF token
@require_POST
def callback(request, provider: str):
    """Server-to-server notification from the provider: 400 and no change on a bad signature."""
    try:
        payment = services.settle_payment(provider_name=provider, data=request.POST)
    except DomainError as exc:
        return JsonResponse({"code": exc.code, "message": exc.message}, status=exc.status)
    return JsonResponse({"reference": payment.reference, "status": payment.status})


@require_GET
def payment_return(request, provider: str):
    """The citizen's browser back from the provider, carrying the same signed result."""
    try:
        payment = services.settle_payment(provider_name=provider, data=request.GET)
    except InvalidSignature as exc:
        return HttpResponseBadRequest(exc.message)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("portal:lookup")
    if payment.status == "paid":
        messages.success(
            request,
            _("Thanh toán thành công. Số biên lai điện tử: %(n)s.") % {"n": payment.receipt_number},
        )
    else:
        messages.error(request, _("Thanh toán không thành công. Bạn có thể thực hiện lại."))
    return redirect(_lookup_url(payment.dossier.code))


@require_http_methods(["GET", "POST"])
def simulator(request):
    """The simulated bank: shows the amount, then signs "paid" or "failed" and returns."""
    source = request.GET if request.method == "GET" else request.POST
    try:
        fields = simulated.verify(source)
        amount = int(fields["amount"])
    except (InvalidSignature, KeyError, ValueError):
        return HttpResponseBadRequest(_("Yêu cầu thanh toán không hợp lệ."))
    back = fields.get("return", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return HttpResponseBadRequest(_("Yêu cầu thanh toán không hợp lệ."))
    if request.method == "GET":
        return render(
            request,
            "payments/simulator.html",
            {"fields": source, "amount": amount, "reference": fields["reference"]},
        )
    paid = request.POST.get("decision") == "pay"
    result = simulated.signed(
        {
            "reference": fields["reference"],
            "amount": amount,
            "result": "paid" if paid else "failed",
            "transaction": "SIM" + fields["reference"][-10:],
            "receipt_number": simulated.receipt_number_for(fields["reference"]) if paid else "",
        }
    )
    # A real bank notifies the server directly and then sends the browser back; so do we.
    with contextlib.suppress(DomainError):  # the return page reports it
        services.settle_payment(provider_name=SimulatedProvider.name, data=result)
    return redirect(f"{back}?{urlencode(result)}")
