from django.apps import AppConfig


class JourneyConfig(AppConfig):
    name = "nocontact.journey"
    label = "journey"

    def ready(self) -> None:
        from nocontact.journey import sealing, state_cache

        sealing.connect()
        state_cache.connect()
