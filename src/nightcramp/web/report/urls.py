"""URLs of the report app."""

from django.urls import URLPattern, URLResolver

app_name = "report"
urlpatterns: list[URLPattern | URLResolver] = []
