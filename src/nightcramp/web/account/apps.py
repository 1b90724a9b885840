from django.apps import AppConfig


class AccountPagesConfig(AppConfig):
    """The account pages: views, forms, templates, static files (records live in the store)."""

    name = "nightcramp.web.account"
    label = "web_account"

    def ready(self) -> None:
        # Connects the log-in time stamp (signal receivers register on import).
        from nightcramp.web.account import session_lifetime  # noqa: F401
