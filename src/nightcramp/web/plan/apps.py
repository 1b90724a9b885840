from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "nightcramp.web.plan"
    label = "plan"
