"""Who the citizen is on this request: their account, or the dossier codes they confirmed with
the phone number in this browser session (a short list, newest last)."""

from motcua.dossiers.lifecycle import Citizen
from motcua.dossiers.models import Dossier

SESSION_KEY = "portal_confirmed"
MAX_CONFIRMED = 20


def confirm(request, dossier: Dossier) -> None:
    """Remember that this session proved the phone of `dossier`."""
    codes = [c for c in request.session.get(SESSION_KEY, []) if c != dossier.code]
    request.session[SESSION_KEY] = [*codes, dossier.code][-MAX_CONFIRMED:]


def citizen_for(request, dossier: Dossier) -> Citizen | None:
    """The citizen actor for `dossier` on this request, or None if they have not proved it."""
    user = request.user if request.user.is_authenticated else None
    if user is not None and dossier.applicant_user_id == user.pk:
        return Citizen(user=user, phone=dossier.applicant_phone)
    if dossier.code in request.session.get(SESSION_KEY, []):
        return Citizen(user=user, phone=dossier.applicant_phone)
    return None
