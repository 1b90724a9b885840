"""URLs of the experiment pages (mounted at /experiments/)."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "experiments"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("start", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/followed", views.followed, name="followed"),
    path("<int:pk>/<slug:action>", views.act, name="act"),
]
