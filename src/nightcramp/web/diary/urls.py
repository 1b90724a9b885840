"""URLs of the diary app (mounted at the site root)."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "diary"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("log", views.log, name="log"),
    path("episodes/<int:pk>/edit", views.episode_edit, name="episode_edit"),
    path("episodes/<int:pk>/delete", views.episode_delete, name="episode_delete"),
    path("undo", views.undo, name="undo"),
    path("checkin", views.checkin, name="checkin"),
    path("checkin/factors", views.factor_add, name="factor_add"),
    path("nights/<str:date>/delete", views.night_delete, name="night_delete"),
    path("history", views.history, name="history"),
    path("profile", views.profile, name="profile"),
    path("medicines", views.medicines, name="medicines"),
    path("medicines/from-check", views.medicines_from_check, name="medicines_from_check"),
    path("medicines/<int:pk>/edit", views.medicine_edit, name="medicine_edit"),
    path("medicines/<int:pk>/delete", views.medicine_delete, name="medicine_delete"),
]
