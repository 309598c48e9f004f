"""The program beyond the day count: readiness, strategy, where you are, outcomes."""

from __future__ import annotations

from django.urls import URLPattern, path

from nocontact.web.views import crisis, outcome, program

urlpatterns: list[URLPattern] = [
    path("ready/", program.readiness, name="readiness"),
    path("strategy/", program.strategy, name="strategy"),
    path("program/", program.program, name="program"),
    path("outcome/", outcome.outcome, name="outcome"),
    path("outcome/closing/", outcome.closing, name="closing"),
    path("start-again/", outcome.start_again, name="start_again"),
    path("support/now/", crisis.saved_support, name="saved_support"),
]
