"""Root URLs: pages of each app, the JSON API and the health check."""

from django.urls import include, path

from nightcramp.web.api import api
from nightcramp.web.health import healthz

handler400 = "nightcramp.web.errors.bad_request"
handler404 = "nightcramp.web.errors.not_found"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("account/", include("nightcramp.web.account.urls")),
    path("learn/", include("nightcramp.web.learn.urls")),
    path("triage/", include("nightcramp.web.triage.urls")),
    path("insights/", include("nightcramp.web.insight.urls")),
    path("plan/", include("nightcramp.web.plan.urls")),
    path("report/", include("nightcramp.web.report.urls")),
    path("experiments/", include("nightcramp.web.experiments.urls")),
    path("", include("nightcramp.web.sharing.urls")),
    path("", include("nightcramp.web.guide.urls")),
    path("", include("nightcramp.web.diary.urls")),
]
