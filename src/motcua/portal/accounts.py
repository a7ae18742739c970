"""Citizen accounts: sign up with an e-mail and a password, sign in, and "Hồ sơ của tôi"."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from motcua.dossiers.models import Dossier

from .forms import SignInForm, SignUpForm

MY_DOSSIERS_LIMIT = 200


@require_http_methods(["GET", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("portal:my_dossiers")
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Đã tạo tài khoản. Hồ sơ bạn nộp khi đăng nhập sẽ hiện ở đây."))
        return redirect("portal:my_dossiers")
    status = 422 if request.method == "POST" else 200
    return render(request, "portal/sign_up.html", {"form": form}, status=status)


class SignInView(auth_views.LoginView):
    template_name = "portal/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return self.get_redirect_url() or "/tai-khoan/ho-so/"

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=422)


sign_out = require_POST(auth_views.LogoutView.as_view(next_page="portal:home"))


@login_required(login_url="portal:sign_in")
def my_dossiers(request):
    dossiers = (
        Dossier.objects.filter(applicant_user=request.user)
        .select_related("procedure_version", "receiving_unit")
        .order_by("-submitted_at", "-id")[:MY_DOSSIERS_LIMIT]
    )
    return render(request, "portal/my_dossiers.html", {"dossiers": dossiers})
