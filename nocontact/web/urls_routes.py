"""The reconnect routes, the first meeting and signals (mounted at ``/reconnect/``)."""

from __future__ import annotations

from django.urls import URLPattern, path, register_converter

from nocontact.core.model import Route
from nocontact.web.views import routes, routes_meeting


class RouteConverter:
    """Only the names of ``core.model.Route`` match: anything else is a 404."""

    regex = "|".join(route.value for route in Route)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return str(Route(value).value)


register_converter(RouteConverter, "route")

urlpatterns: list[URLPattern] = [
    path("", routes.routes, name="routes"),
    path("meeting/", routes_meeting.meeting, name="meeting"),
    path("meeting/debrief/", routes_meeting.meeting_debrief, name="meeting_debrief"),
    path("signals/", routes_meeting.log_signal, name="log_signal"),
    path("interest/", routes_meeting.interest, name="interest"),
    path("intent_statement/friendship/", routes.friendship_offer, name="friendship_offer"),
    path("<route:route>/", routes.route, name="route"),
    path("<route:route>/log/", routes.log_attempt, name="log_attempt"),
]
