from django.apps import AppConfig


class ExperimentsConfig(AppConfig):
    name = "nightcramp.store.experiments"
    label = "experiments"
