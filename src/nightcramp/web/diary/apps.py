from django.apps import AppConfig


class DiaryPagesConfig(AppConfig):
    """The diary pages: views, forms, templates, static files (records live in the store)."""

    name = "nightcramp.web.diary"
    label = "web_diary"
