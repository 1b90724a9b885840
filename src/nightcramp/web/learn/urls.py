"""URLs of the learn app: /learn/ and /learn/<topic>/."""

from django.urls import URLPattern, URLResolver, path

from nightcramp.web.learn import views

app_name = "learn"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("<slug:topic_id>/", views.topic, name="topic"),
]
