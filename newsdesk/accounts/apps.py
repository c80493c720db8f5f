from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "newsdesk.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from newsdesk.accounts.export import account_exporter, register_exporter

        register_exporter("account", account_exporter)
