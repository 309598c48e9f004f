from django.apps import AppConfig


class JourneyConfig(AppConfig):
    name = "nocontact.journey"
    label = "journey"
