from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "nightcramp.store.sharing"
    label = "sharing"
    verbose_name = "Share links and clinician access"
    default_auto_field = "django.db.models.BigAutoField"
