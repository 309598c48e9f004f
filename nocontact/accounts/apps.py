from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "nocontact.accounts"
    label = "accounts"

    def ready(self) -> None:
        from nocontact.accounts import words_middleware  # noqa: F401  (its sign-in receiver)
