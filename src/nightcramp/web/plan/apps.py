from django.apps import AppConfig


class PlanPagesConfig(AppConfig):
    """The plan pages: views, forms, templates and static files (the records live in the store)."""

    name = "nightcramp.web.plan"
    label = "web_plan"
