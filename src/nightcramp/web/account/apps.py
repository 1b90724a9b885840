from django.apps import AppConfig


class AccountConfig(AppConfig):
    name = "nightcramp.web.account"
    label = "account"
