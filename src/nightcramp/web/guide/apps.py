"""The guide app: "cramp now" relief pages. All shipped content is validated when the app starts."""

from django.apps import AppConfig


class GuideConfig(AppConfig):
    name = "nightcramp.web.guide"
    label = "guide"

    def ready(self) -> None:
        # Invalid content stops the app at start, never mid-request (STYLE.md §6): every
        # content file, with the file, entry and field of each problem.
        from nightcramp.core.content_check import validate_all_content

        validate_all_content()
