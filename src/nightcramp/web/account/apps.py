from django.apps import AppConfig


class AccountPagesConfig(AppConfig):
    """The account pages: views, forms, templates and static files (the records live in the store)."""

    name = "nightcramp.web.account"
    label = "web_account"
