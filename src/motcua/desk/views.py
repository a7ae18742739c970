"""Staff pages: sign-in, sign-out and the desk home. Worklists and dossier pages build on these."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from motcua.organization.models import Role
from motcua.organization.selectors import memberships_of


class StaffLoginView(auth_views.LoginView):
    template_name = "desk/login.html"
    redirect_authenticated_user = True


staff_logout = require_POST(auth_views.LogoutView.as_view(next_page="desk:login"))


@login_required(login_url="desk:login")
def home(request):
    memberships = memberships_of(request.user, day=timezone.localdate()).order_by(
        "unit__sort_name", "role"
    )
    memberships = list(memberships)
    roles = {m.role for m in memberships}
    context = {
        "memberships": memberships,
        "is_officer": Role.ONE_STOP_OFFICER in roles,
        "is_leader": bool(roles & {Role.UNIT_LEADER, Role.AGENCY_LEADER})
        or request.user.is_superuser,
    }
    return render(request, "desk/home.html", context)
