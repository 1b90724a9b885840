"""Log in, log out, the account page and changing the password (Django's views, our pages)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy

from nightcramp.store.account.passwords import set_password
from nightcramp.web.account.forms import CheckedPasswordChangeForm, OneAtATimeLoginForm

__all__ = ["LoginView", "LogoutView", "PasswordChangeView", "account_home"]


class LoginView(auth_views.LoginView):
    """Django's log-in in a new, empty session; django-axes counts the failures."""

    template_name = "account/login.html"
    redirect_authenticated_user = True
    authentication_form = OneAtATimeLoginForm

    def form_valid(self, form: OneAtATimeLoginForm) -> HttpResponse:  # type: ignore[override]
        # Django keeps a session without a user through the log-in (only its key changes):
        # what it held (local mode's undo of a deleted cramp, half-answered questions) would
        # land in the account that logs in. Nothing from before the log-in is carried over.
        self.request.session.flush()
        return super().form_valid(form)

    def form_invalid(self, form: OneAtATimeLoginForm) -> HttpResponse:  # type: ignore[override]
        busy = [str(e.message) for e in form.non_field_errors().as_data() if e.code == "busy"]
        return self.render_to_response(self.get_context_data(form=form, busy=" ".join(busy)))


class LogoutView(auth_views.LogoutView):
    """Log out: the session is deleted from the database, not just forgotten by the browser."""

    template_name = "account/logged_out.html"


@login_required
def account_home(request: HttpRequest) -> HttpResponse:
    """Who is logged in, with the ways to change the password and to log out."""
    return render(request, "account/home.html", {"local_mode": _local_mode(request)})


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change your own password: the old one first; every other session of yours ends."""

    template_name = "account/password_change.html"
    success_url = reverse_lazy("account:password_changed")
    form_class = CheckedPasswordChangeForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "local_mode": _local_mode(self.request)}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if _local_mode(request):
            return self.get(request, *args, **kwargs)  # no password to change in local mode
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: CheckedPasswordChangeForm) -> HttpResponse:
        ended = set_password(
            form.user,
            form.cleaned_data["new_password1"],
            keep_session=self.request.session.session_key,
        )
        update_session_auth_hash(self.request, form.user)  # this session stays, with a new key
        return render(self.request, "account/password_changed.html", {"ended": ended})


@login_required
def password_changed(request: HttpRequest) -> HttpResponse:
    """Where a browser lands if it reloads after the change."""
    return render(request, "account/password_changed.html", {"ended": None})


def _local_mode(request: HttpRequest) -> bool:
    return bool(getattr(request, "local_mode", False))
