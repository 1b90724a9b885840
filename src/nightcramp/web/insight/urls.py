"""URLs of the insight app: the Insights page at /insights/."""

from django.urls import URLPattern, URLResolver, path

from nightcramp.web.insight.views import insights

app_name = "insight"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", insights, name="insights"),
]
