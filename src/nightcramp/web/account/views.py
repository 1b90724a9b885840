"""Log in and log out pages (Django's own views, our templates)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views

__all__ = ["LoginView", "LogoutView"]


class LoginView(auth_views.LoginView):
    template_name = "account/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    template_name = "account/logged_out.html"
