from django.apps import AppConfig


class LearnConfig(AppConfig):
    name = "nightcramp.web.learn"
    label = "learn"
