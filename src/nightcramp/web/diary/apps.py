from django.apps import AppConfig


class DiaryConfig(AppConfig):
    name = "nightcramp.web.diary"
    label = "diary"
