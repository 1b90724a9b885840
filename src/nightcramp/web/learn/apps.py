"""The learn app: the evidence-graded knowledge base as web pages."""

from django.apps import AppConfig


class LearnConfig(AppConfig):
    name = "nightcramp.web.learn"
    label = "learn"

    def ready(self) -> None:
        # Invalid content stops the app at start, never mid-request.
        from nightcramp.core.knowledge import load_knowledge

        load_knowledge()
