"""URLs of the account app: /account/login/ and /account/logout/ (POST)."""

from django.urls import URLPattern, URLResolver, path

from nightcramp.web.account.views import LoginView, LogoutView

app_name = "account"
urlpatterns: list[URLPattern | URLResolver] = [
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
]
