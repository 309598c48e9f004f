"""Every route of the URLconf, with sample arguments, for the access-control matrix,
the CSRF and "no GET changes state" tests, the header checks and the log test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from nocontact.core.model import Route
from tests.conftest import local_today

# A pk that belongs to nobody: another user's object must answer exactly like it.
MISSING_PK = 987654321


@dataclass(frozen=True)
class UrlRoute:
    name: str
    pattern: str
    converters: tuple[str, ...]


def walk(patterns: list[Any] | None = None, prefix: str = "") -> Iterator[UrlRoute]:
    """Every named route, following every ``include`` of ``nocontact/urls.py``."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        here = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, here)
        elif isinstance(entry, URLPattern):
            converters = tuple(getattr(entry.pattern, "converters", {}))
            yield UrlRoute(str(entry.name), here, converters)


def route_names() -> list[str]:
    return sorted({route.name for route in walk()})


@dataclass(frozen=True)
class Objects:
    """One object of each kind, owned by one user."""

    writing: int
    letter: int
    reason: int
    occasion: int
    hard_date: int
    item: int
    api_token: int


def make_objects(breakup: Any, text: str = "an entry of mine") -> Objects:
    from nocontact.api.tokens import create_token
    from nocontact.journey.models import ItemLeft, Occasion, Reason, Writing

    now = timezone.now()
    day = local_today() + dt.timedelta(days=30)
    writing = Writing.objects.create(breakup=breakup, kind="journal", text=text, at=now)
    letter = Writing.objects.create(breakup=breakup, kind="unsent_letter", text=text, at=now)
    reason = Reason.objects.create(user=breakup.user, text="I deserve calm")
    occasion = Occasion.objects.create(breakup=breakup, kind="occasion", name="Birthday", date=day)
    hard_date = Occasion.objects.create(
        breakup=breakup, kind="hard_date", name="Anniversary", date=day
    )
    item = ItemLeft.objects.create(breakup=breakup, name="A jumper")
    token, _raw = create_token(breakup.user, "a script")
    return Objects(writing.pk, letter.pk, reason.pk, occasion.pk, hard_date.pk, item.pk, token.pk)


# Which object a ``pk`` route addresses.
PK_KIND = {
    "delete_date": "occasion",
    "delete_item": "item",
    "edit_writing": "writing",
    "delete_writing": "writing",
    "delete_reason": "reason",
    "letter_review": "letter",
    "revoke_api_token": "api_token",
}


# Sample values for the other URL arguments: (route name or "*", argument) -> value.
SAMPLE_VALUES: dict[tuple[str, str], str] = {
    ("*", "route"): Route.REACH_OUT.value,
    ("export_download", "fmt"): "json",
    ("calendar_feed", "token"): "not-a-live-token",
    # The API's ids (tests/integration/test_api_*.py test them with real tokens).
    ("*", "event_id"): "1",
    ("*", "writing_id"): "1",
    ("*", "occasion_id"): "1",
    ("*", "hard_date_id"): "1",
    ("*", "item_id"): "1",
}


def url_for(name: str, objects: Objects | None = None, pk: int | None = None) -> str:
    """The URL of ``name`` with the owner's object (or ``pk``) and a real route slug."""
    converters = {c for route in walk() if route.name == name for c in route.converters}
    kwargs: dict[str, Any] = {}
    if "pk" in converters:
        if pk is None:
            assert objects is not None, name
            pk = getattr(objects, PK_KIND[name])
        kwargs["pk"] = pk
    for converter in converters - {"pk"}:
        sample = SAMPLE_VALUES.get((name, converter)) or SAMPLE_VALUES.get(("*", converter))
        assert sample is not None, f"{name}: no sample value for {converter}; add one here"
        kwargs[converter] = sample
    return reverse(name, kwargs=kwargs)
