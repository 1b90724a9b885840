"""URLs of the plan app (mounted at /plan/)."""

from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "plan"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.plan_page, name="plan"),
    path("tried/<slug:item_id>", views.tried, name="tried"),
    path("routine/", views.routine_page, name="routine"),
    path("routine/done", views.routine_done, name="routine_done"),
    path("nutrition/", views.nutrition_page, name="nutrition"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/new", views.calendar_create, name="calendar_create"),
    path("calendar/<int:pk>/revoke", views.calendar_revoke, name="calendar_revoke"),
    path("calendar/<str:secret>.ics", views.calendar_feed, name="calendar_feed"),
]
