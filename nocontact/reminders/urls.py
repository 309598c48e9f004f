"""Reminders, mounted at ``/reminders/``: the settings page and the calendar feed."""

from django.urls import path

from nocontact.reminders import views

urlpatterns = [
    path("", views.reminders, name="reminders"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
