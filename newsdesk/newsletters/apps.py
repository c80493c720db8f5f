from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "newsdesk.newsletters"
    label = "newsletters"
    verbose_name = "Newsletters: briefings, digests and breaking alerts by email"
    default_auto_field = "django.db.models.BigAutoField"
