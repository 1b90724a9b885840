from django.apps import AppConfig


class DiaryConfig(AppConfig):
    name = "nightcramp.store.diary"
    label = "diary"
