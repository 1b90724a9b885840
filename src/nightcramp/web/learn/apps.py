"""The learn app: the evidence-graded knowledge base as web pages."""

from django.apps import AppConfig


class LearnConfig(AppConfig):
    name = "nightcramp.web.learn"
    label = "learn"
