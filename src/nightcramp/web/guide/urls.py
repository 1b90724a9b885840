"""URLs of the guide app: the "cramp now" pages and the service worker at the root scope."""

from django.urls import URLPattern, URLResolver, path
from django.views.generic import RedirectView

from nightcramp.web.guide import views

app_name = "guide"
urlpatterns: list[URLPattern | URLResolver] = [
    path("now", views.now, name="now"),
    path("now/", RedirectView.as_view(pattern_name="guide:now", query_string=True)),
    path("now/<str:muscle>", views.now, name="now_muscle"),
    path("help", views.help_page, name="help"),
    path("sw.js", views.service_worker, name="sw"),
]
