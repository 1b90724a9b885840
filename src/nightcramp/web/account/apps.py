from django.apps import AppConfig


class AccountPagesConfig(AppConfig):
    """The account pages: views, forms, templates, static files (records live in the store)."""

    name = "nightcramp.web.account"
    label = "web_account"
