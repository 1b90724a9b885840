"""URLs of the account app: /account/ (who is logged in), login, logout (POST), password."""

from django.urls import URLPattern, URLResolver, path

from nightcramp.web.account.views import (
    LoginView,
    LogoutView,
    PasswordChangeView,
    account_home,
    password_changed,
)

app_name = "account"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", account_home, name="home"),
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("password/", PasswordChangeView.as_view(), name="password"),
    path("password/done/", password_changed, name="password_changed"),
]
