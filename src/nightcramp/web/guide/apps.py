from django.apps import AppConfig


class GuideConfig(AppConfig):
    name = "nightcramp.web.guide"
    label = "guide"
