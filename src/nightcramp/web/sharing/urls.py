"""URLs of the sharing pages (mounted at the root)."""

from django.urls import path

from nightcramp.web.sharing.views import audit, clinician, links, shared

app_name = "sharing"
urlpatterns = [
    path("share/", links.manage, name="manage"),
    path("share/report.pdf", links.pdf_with_link, name="pdf"),
    path("share/<int:link_id>/revoke", links.revoke, name="revoke"),
    path("share/grants", links.grant, name="grant"),
    path("share/grants/<int:grant_id>/revoke", links.stop_grant, name="stop_grant"),
    path("s/<str:token>", shared.without_slash, name="shared_without_slash"),
    path("s/<str:token>/", shared.shared_page, name="shared"),
    path("s/<str:token>/report.pdf", shared.shared_report, name="shared_report"),
    path("clinician/", clinician.people, name="clinician"),
    path("clinician/<int:person_id>/", clinician.person, name="clinician_person"),
    path("clinician/<int:person_id>/report.pdf", clinician.person_report, name="clinician_report"),
    path("access-log/", audit.seen, name="access_log"),
]
