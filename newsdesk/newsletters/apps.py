from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "newsdesk.newsletters"
    label = "newsletters"
    verbose_name = "Newsletters: briefings, digests and breaking alerts by email"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: the models cannot load before the app registry.
        from django.db.models.signals import post_delete, post_save

        from newsdesk.newsletters.models import Newsletter
        from newsdesk.newsletters.signals import newsletter_list_purge

        post_save.connect(
            newsletter_list_purge, sender=Newsletter, dispatch_uid="newsletters-list-purge-save"
        )
        post_delete.connect(
            newsletter_list_purge, sender=Newsletter, dispatch_uid="newsletters-list-purge-delete"
        )
