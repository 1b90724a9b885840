from django.apps import AppConfig


class AccountConfig(AppConfig):
    name = "nightcramp.store.account"
    label = "account"
