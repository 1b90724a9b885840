"""URLs of the insight app."""

from django.urls import URLPattern, URLResolver

app_name = "insight"
urlpatterns: list[URLPattern | URLResolver] = []
