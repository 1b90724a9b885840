"""The guide app: "cramp now" relief pages. Relief content is validated when the app starts."""

from django.apps import AppConfig


class GuideConfig(AppConfig):
    name = "nightcramp.web.guide"
    label = "guide"

    def ready(self) -> None:
        # Invalid relief content stops the app at start, never mid-request (STYLE.md §6).
        from nightcramp.core.relief.content import load_relief

        load_relief()
