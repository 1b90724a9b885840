from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "nightcramp.store.plan"
    label = "plan"
