"""URLs of the triage app."""

from django.urls import URLPattern, URLResolver

app_name = "triage"
urlpatterns: list[URLPattern | URLResolver] = []
