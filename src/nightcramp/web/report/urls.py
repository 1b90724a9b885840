"""URLs of the report app."""

from django.urls import path

from nightcramp.web.report import views

app_name = "report"
urlpatterns = [
    path("", views.page, name="page"),
    path("print", views.print_view, name="print"),
    path("report.pdf", views.pdf, name="pdf"),
]
