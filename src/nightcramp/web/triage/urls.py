"""URLs of the triage app: the questionnaire, results and history."""

from django.urls import URLPattern, URLResolver, path

from nightcramp.web.triage import questionnaire, views

app_name = "triage"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("start/", questionnaire.start, name="start"),
    path("step/<int:number>/", questionnaire.step, name="step"),
    path("result/<int:pk>/", views.result, name="result"),
    path("result/<int:pk>/seen/", views.resolve, name="resolve"),
    path("history/", views.history, name="history"),
]
