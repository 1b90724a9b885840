from django.apps import AppConfig


class WebSharingConfig(AppConfig):
    name = "nightcramp.web.sharing"
    label = "web_sharing"
    verbose_name = "Sharing pages"
