from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "nocontact.accounts"
    label = "accounts"
